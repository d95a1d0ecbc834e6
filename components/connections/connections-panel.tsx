import { AddConnectionForm, type BaseUrls } from "@/components/connections/add-connection-form";
import { ConnectionList } from "@/components/connections/connection-list";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { listConnections } from "@/lib/connections/service";
import { MARKETPLACES } from "@/lib/marketplaces/registry";

/** The connections of one dealer, with the add form for those who manage them. */
export async function ConnectionsPanel({ dealer, canManage }: { dealer: { id: string; slug: string; country: "BE" | "SE" }; canManage: boolean }) {
  const [connections, t] = await Promise.all([listConnections(dealer.id), getTranslations("connections")]);
  const baseUrls: BaseUrls = {
    OKASIE: { PRODUCTION: MARKETPLACES.OKASIE.productionUrl, SANDBOX: MARKETPLACES.OKASIE.sandboxUrl() },
    BLOCKET: { PRODUCTION: MARKETPLACES.BLOCKET.productionUrl, SANDBOX: MARKETPLACES.BLOCKET.sandboxUrl() },
  };
  return (
    <div className="space-y-6">
      <Card title={t("title")} description={t("description")}>
        <ConnectionList dealer={dealer.slug} connections={connections} canManage={canManage} />
      </Card>
      {canManage && (
        <Card title={t("add")} description={t("addHint")}>
          <AddConnectionForm dealer={dealer.slug} baseUrls={baseUrls} defaultMarketplace={dealer.country === "SE" ? "BLOCKET" : "OKASIE"} />
        </Card>
      )}
    </div>
  );
}
