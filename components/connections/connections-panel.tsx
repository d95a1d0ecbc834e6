import { AddConnectionForm, type ConnectionFormOptions } from "@/components/connections/add-connection-form";
import { ConnectionList } from "@/components/connections/connection-list";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { baseUrlForNew } from "@/lib/connections/endpoint";
import { connectionFormOptions, listConnections } from "@/lib/connections/service";

/** The connections of one dealer, with the add form for those who manage them. */
export async function ConnectionsPanel({ dealer, canManage, canEnrol = canManage }: { dealer: { id: string; slug: string; country: string }; canManage: boolean; canEnrol?: boolean }) {
  const [connections, t] = await Promise.all([listConnections(dealer.id), getTranslations("connections")]);
  const offered = connectionFormOptions();
  // The addresses are shown, not sent: the server chooses them again when the form is submitted.
  const options: ConnectionFormOptions = {
    environments: offered.environments,
    marketplaces: offered.marketplaces.map((m) => ({ ...m, baseUrls: Object.fromEntries(offered.environments.map((e) => [e, baseUrlForNew(m.id, e)])) })),
  };
  const home = options.marketplaces.find((m) => m.country === dealer.country) ?? options.marketplaces[0];
  return (
    <div className="space-y-6">
      <Card title={t("title")} description={t("description")}>
        <ConnectionList dealer={dealer.slug} dealerId={dealer.id} connections={connections} canManage={canManage} canEnrol={canEnrol} />
      </Card>
      {canManage && (
        <Card title={t("add")} description={t("addHint")}>
          <AddConnectionForm dealer={dealer.slug} options={options} defaultMarketplace={home?.id ?? ""} />
        </Card>
      )}
    </div>
  );
}
