import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, tableClass } from "@/components/ui/card";
import { ConnectionActions } from "@/components/connections/connection-actions";
import { PublishingPanel } from "@/components/connections/publishing-panel";
import { healthOf } from "@/lib/connections/service";
import { translateMessage, type Translator } from "@/lib/i18n/message";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";

export interface ConnectionRow {
  id: string; name: string; marketplace: string; environment: "PRODUCTION" | "SANDBOX"; baseUrl: string; tokenLast4: string;
  dealerProfileId: string | null; dealerLocationCode: string | null; dealerCode: string | null; tokenScope: string | null;
  enabled: boolean; lastCheckStatus: string | null; lastCheckMessage: string | null; lastCheckedAt: Date | null;
  rehearsal: boolean; liveSince: Date | null; holdOnFailedImages: boolean; migrationState: string | null; publishesEveryCar: boolean;
}

/** Staff and viewers see name, marketplace and health; managers also see identity, token hint and actions. */
export async function ConnectionList({ dealer, dealerId, connections, canManage, canEnrol = canManage }: { dealer: string; dealerId: string; connections: ConnectionRow[]; canManage: boolean; canEnrol?: boolean }) {
  const [all, t, format, te] = await Promise.all([getTranslations(), getTranslations("connections"), getFormatter(), getTranslations("enrolment")]);
  // Health, advice and the marketplace modules' words are catalog messages.
  const text = (m: string | null | undefined) => translateMessage(all as unknown as Translator, m);
  if (connections.length === 0) {
    return <p className="text-sm text-slate-600">{t("none")} {canManage ? t("addBelow") : t("adminAdds")}</p>;
  }
  // On a phone each connection is a card: its cells stack instead of forcing the page wider than the screen.
  const cell = `${tableClass.td} block align-top sm:table-cell`;
  return (
    <table className={`${tableClass.table} block sm:table`}>
      <thead className="hidden sm:table-header-group">
        <tr>
          <th scope="col" className={tableClass.th}>{t("connection")}</th>
          <th scope="col" className={tableClass.th}>{t("health")}</th>
          {canManage && <th scope="col" className={tableClass.th}>{t("account")}</th>}
          {canManage && <th scope="col" className={tableClass.th}><span className="sr-only">{t("actions")}</span></th>}
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 sm:table-row-group">
        {connections.map((c) => {
          const health = healthOf(c);
          const descriptor = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace) : null;
          return [
            <tr key={c.id} className="block sm:table-row" data-testid={`connection-${c.name}`}>
              <td className={cell}>
                <p className="font-medium">{c.name}</p>
                <p className="text-xs text-slate-500">{descriptor?.name ?? c.marketplace} · {c.environment === "SANDBOX" ? t("sandbox") : t("production")}</p>
                {canEnrol && descriptor && <Link className="mt-1 inline-block text-sm text-brand-700 underline" href={`/d/${dealer}/settings/connections/${c.id}/enrol`}>{te("chooseCars")}</Link>}
              </td>
              <td className={cell}>
                <Badge tone={health.tone}>{text(health.label)}</Badge>
                {health.advice && <p className="mt-1 max-w-xs text-xs text-slate-600">{text(health.advice)}</p>}
                {c.lastCheckedAt && <p className="mt-1 text-xs text-slate-400">{t("checked", { time: format.dateTime(c.lastCheckedAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>}
              </td>
              {canManage && (
                <td className={`${cell} text-xs text-slate-600`}>
                  <p className="font-mono">{text(descriptor?.identity.describe(c))}</p>
                  <p>{t("tokenEnding")} <span className="font-mono" data-verbatim>…{c.tokenLast4}</span></p>
                  <p className="max-w-56 truncate" title={c.baseUrl} data-verbatim>{c.baseUrl}</p>
                  {c.lastCheckMessage && c.lastCheckStatus !== "ok" && <p className="mt-1 max-w-56 text-red-700">{text(c.lastCheckMessage)}</p>}
                </td>
              )}
              {canManage && <td className={cell}><ConnectionActions dealer={dealer} connection={{ id: c.id, name: c.name, enabled: c.enabled }} /></td>}
            </tr>,
            <tr key={`${c.id}-publishing`} className="block border-t-0 sm:table-row">
              <td colSpan={canManage ? 4 : 2} className="block px-3 pb-3 empty:hidden sm:table-cell"><PublishingPanel dealer={dealer} dealerId={dealerId} connection={c} canManage={canManage} /></td>
            </tr>,
          ];
        })}
      </tbody>
    </table>
  );
}
