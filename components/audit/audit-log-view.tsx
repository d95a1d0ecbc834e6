/**
 * The audit log as people read it (server-rendered): one translated sentence per event, who and
 * when beneath it, the event's raw data only inside a disclosure that wraps within its card.
 * The filters are a plain GET form, so a filtered view is a URL one can share; they work without
 * JavaScript and by keyboard.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { sentenceValues, type AuditPage, type AuditQuery, type AuditRow } from "@/lib/audit-log";

const field = "flex min-w-0 flex-col text-xs font-medium text-slate-600";
const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

export async function AuditLogView({ page, query, basePath, showDealer }: { page: AuditPage; query: AuditQuery; basePath: string; showDealer: boolean }) {
  const [t, roles, status, format] = await Promise.all([getTranslations("auditLog"), getTranslations("roles"), getTranslations("listingStatus"), getFormatter()]);
  const key = (action: string) => action.replace(".", "_");
  const typeName = (action: string) => (t.has(`types.${key(action)}` as "types.dealer_created") ? t(`types.${key(action)}` as "types.dealer_created") : t("otherType"));
  const word = (group: typeof roles, v: string) => (v && group.has(v as "ADMIN") ? group(v as "ADMIN") : v);
  const sentence = (e: AuditRow) => {
    const v = sentenceValues(e);
    const values = { ...v, actor: e.actor ? e.actor.name || e.actor.email : t("system"), role: word(roles, v.role), status: word(status, v.status), from: word(roles, v.from), to: word(roles, v.to) };
    const k = `sentences.${key(e.action)}` as "sentences.dealer_created";
    return t.has(k) ? t(k, values) : t("otherSentence", values);
  };
  // Filters stay in the URL; paging keeps them and adds the cursor.
  const withParams = (over: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ who: query.who, what: query.what, dealer: query.dealer, from: query.from, to: query.to, ...over })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const filtered = !!(query.who || query.what || query.dealer || query.from || query.to);
  return (
    <div className="space-y-4">
      <Card>
        <form method="get" action={basePath} aria-label={t("filters")} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
          <label className={field}>{t("who")}
            <select name="who" defaultValue={query.who ?? ""} className={input}>
              <option value="">{t("anyone")}</option>
              {page.options.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <label className={field}>{t("what")}
            <select name="what" defaultValue={query.what ?? ""} className={input}>
              <option value="">{t("anything")}</option>
              {page.options.actions.map((a) => <option key={a} value={a}>{typeName(a)}</option>)}
            </select>
          </label>
          {showDealer && (
            <label className={field}>{t("dealer")}
              <select name="dealer" defaultValue={query.dealer ?? ""} className={input}>
                <option value="">{t("anyDealer")}</option>
                {page.options.dealers.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
              </select>
            </label>
          )}
          <label className={field}>{t("from")}<input type="date" name="from" defaultValue={query.from ?? ""} className={input} /></label>
          <label className={field}>{t("to")}<input type="date" name="to" defaultValue={query.to ?? ""} className={input} /></label>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">{t("apply")}</button>
            {filtered && <a href={basePath} className="text-sm text-brand-700 underline">{t("clear")}</a>}
          </div>
        </form>
      </Card>
      <ol className="space-y-2" aria-label={t("title")}>
        {page.events.length === 0 && <li className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">{t("empty")}</li>}
        {page.events.map((e) => (
          <li key={e.id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="audit-event">
            <p className="text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">{sentence(e)}</p>
            <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
              <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</time>
              <span>· {typeName(e.action)}</span>
              {e.actor && <span className="[overflow-wrap:anywhere]">· {e.actor.email}</span>}
              {showDealer && <span>· {e.dealer?.name ?? t("platform")}</span>}
            </p>
            <details className="mt-1 min-w-0 text-xs">
              <summary className="cursor-pointer text-brand-700">{t("details")}</summary>
              <pre className="mt-1 max-h-80 max-w-full overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-slate-700 [overflow-wrap:anywhere]" data-verbatim>
                {JSON.stringify({ event: e.action, target: e.targetType, targetId: e.targetId, data: e.data }, null, 2)}
              </pre>
            </details>
          </li>
        ))}
      </ol>
      <nav className="flex flex-wrap gap-4 text-sm">
        {query.cursor && <a className="text-brand-700 underline" href={withParams({})}>{t("newest")}</a>}
        {page.nextCursor && <a className="text-brand-700 underline" href={withParams({ cursor: page.nextCursor })}>{t("older")}</a>}
      </nav>
    </div>
  );
}
