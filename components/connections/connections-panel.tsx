import { AddConnectionForm, type BaseUrls } from "@/components/connections/add-connection-form";
import { ConnectionList } from "@/components/connections/connection-list";
import { Card } from "@/components/ui/card";
import { listConnections } from "@/lib/connections/service";
import { MARKETPLACES } from "@/lib/marketplaces/registry";

/** The connections of one dealer, with the add form for those who manage them. */
export async function ConnectionsPanel({ dealer, canManage }: { dealer: { id: string; slug: string; country: "BE" | "SE" }; canManage: boolean }) {
  const connections = await listConnections(dealer.id);
  const baseUrls: BaseUrls = {
    OKASIE: { PRODUCTION: MARKETPLACES.OKASIE.productionUrl, SANDBOX: MARKETPLACES.OKASIE.sandboxUrl() },
    BLOCKET: { PRODUCTION: MARKETPLACES.BLOCKET.productionUrl, SANDBOX: MARKETPLACES.BLOCKET.sandboxUrl() },
  };
  return (
    <div className="space-y-6">
      <Card title="Marketplace connections" description="The marketplace accounts this dealer publishes to.">
        <ConnectionList dealer={dealer.slug} connections={connections} canManage={canManage} />
      </Card>
      {canManage && (
        <Card title="Add a connection" description="Paste the API token the marketplace gave you. It is tested before it is saved.">
          <AddConnectionForm dealer={dealer.slug} baseUrls={baseUrls} defaultMarketplace={dealer.country === "SE" ? "BLOCKET" : "OKASIE"} />
        </Card>
      )}
    </div>
  );
}
