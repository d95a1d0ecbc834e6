/**
 * Alert mails in the recipient's language: every word from the catalogs (messages/*.json,
 * "alerts"), a plain-text and an HTML part. What goes in: the dealer's and connection's names,
 * counts, a few car references and titles, and links to the app. Never a token, a token hint, a
 * marketplace's raw error text, or anything from the request that caused it.
 */
// use-intl/core: next-intl's React-free translator, so the worker (react-server conditions) can render mails.
import { createTranslator } from "use-intl/core";
import { DEFAULT_TIME_ZONE, LOCALE_OF, type Language } from "@/lib/i18n/locales";
import type { OutgoingMail } from "@/lib/mail";
import type { ConditionDetails, MailKind } from "./kinds";

export interface MailCondition {
  kind: MailKind;
  openedAt: Date;
  details: ConditionDetails;
  dealer: { name: string; slug: string };
}

export interface MailRecipient {
  email: string;
  name: string;
  language: Language;
}

type T = (key: string, values?: Record<string, string | number | Date>) => string;

async function translator(language: Language): Promise<T> {
  const messages = (await import(`../../messages/${language}.json`)).default;
  return createTranslator({ locale: LOCALE_OF[language], messages, timeZone: DEFAULT_TIME_ZONE, namespace: "alerts" }) as unknown as T;
}

const KEY: Record<MailKind, string> = {
  TOKEN_REJECTED: "tokenRejected",
  REMOVAL_HOLD: "removalHold",
  LISTING_ERRORS: "listingErrors",
  SYNC_FAILING: "syncFailing",
};

/** Where in the app the reader can act on the problem. */
export function linkFor(appUrl: string, c: MailCondition): string {
  const base = `${appUrl.replace(/\/+$/, "")}/d/${encodeURIComponent(c.dealer.slug)}`;
  switch (c.kind) {
    case "TOKEN_REJECTED": return `${base}/settings/connections`;
    case "LISTING_ERRORS": return `${base}/listings?market=${encodeURIComponent(`${c.details.connectionId}:ERROR`)}`;
    default: return `${base}/syncs`;
  }
}

const values = (c: MailCondition) => ({ dealer: c.dealer.name, marketplace: c.details.marketplace, connection: c.details.connectionName, count: c.details.count ?? 0 });

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function html(paragraphs: string[], list: string[] | null, action: { label: string; url: string } | null, footer: { text: string; url: string }): string {
  const p = (text: string) => `<p style="margin:0 0 12px">${escape(text)}</p>`;
  return `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#0f172a;max-width:36rem">
${paragraphs.map(p).join("\n")}
${list ? `<ul style="margin:0 0 12px;padding-left:20px">${list.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>` : ""}
${action ? `<p style="margin:16px 0"><a href="${escape(action.url)}" style="background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escape(action.label)}</a></p>` : ""}
<p style="margin:24px 0 0;font-size:13px;color:#475569">${escape(footer.text)} <a href="${escape(footer.url)}">${escape(footer.url)}</a></p>
</body></html>`;
}

/** One alert, as it happens. */
export async function renderAlert(recipient: MailRecipient, c: MailCondition, appUrl: string): Promise<OutgoingMail> {
  const t = await translator(recipient.language);
  const k = KEY[c.kind];
  const v = values(c);
  const profileUrl = `${appUrl.replace(/\/+$/, "")}/profile`;
  const action = { label: t(`${k}.action`), url: linkFor(appUrl, c) };
  const examples = c.kind === "LISTING_ERRORS" && c.details.examples?.length ? c.details.examples.map((e) => `${e.reference} — ${e.title}`) : null;
  const paragraphs = [t("greeting", { name: recipient.name }), t(`${k}.body`, v), ...(examples ? [t(`${k}.examples`)] : [])];
  const footer = { text: t("footer", { dealer: c.dealer.name }), url: profileUrl };
  const text = [
    ...paragraphs,
    ...(examples ? [examples.map((e) => `- ${e}`).join("\n")] : []),
    `${action.label}: ${action.url}`,
    `--\n${footer.text} ${footer.url}`,
  ].join("\n\n");
  return { to: recipient.email, subject: t(`${k}.subject`, v), text, html: html(paragraphs, examples, action, footer), language: recipient.language };
}

/** The daily summary of every open problem the recipient may act on. */
export async function renderDigest(recipient: MailRecipient, conditions: MailCondition[], appUrl: string): Promise<OutgoingMail> {
  const t = await translator(recipient.language);
  const profileUrl = `${appUrl.replace(/\/+$/, "")}/profile`;
  const lines = conditions.map((c) => `${c.dealer.name}: ${t(`${KEY[c.kind]}.line`, values(c))} (${t("digest.since", { date: c.openedAt })}) — ${linkFor(appUrl, c)}`);
  const paragraphs = [t("greeting", { name: recipient.name }), t("digest.intro")];
  const footer = { text: t("footerDigest"), url: profileUrl };
  const text = [...paragraphs, lines.map((l) => `- ${l}`).join("\n"), `--\n${footer.text} ${footer.url}`].join("\n\n");
  return { to: recipient.email, subject: t("digest.subject", { count: conditions.length }), text, html: html(paragraphs, lines, null, footer), language: recipient.language };
}
