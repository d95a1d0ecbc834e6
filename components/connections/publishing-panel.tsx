/**
 * Under a connection on the connections screen: what its marketplace offers beyond publishing —
 * a rehearsal and the step to go live, the photo policy, and the move from the marketplace's back
 * office. Each is shown only when the marketplace's descriptor declares it.
 */
import { PhotoPolicyControl, RehearsalControl } from "@/components/connections/publishing-controls";
import { MigrationPanel } from "@/components/migration/migration-panel";
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { migrationStatus } from "@/lib/migration/service";

export interface PublishingConnection {
  id: string; marketplace: string; rehearsal: boolean; liveSince: Date | null; holdOnFailedImages: boolean; migrationState: string | null;
}

export async function PublishingPanel({ dealer, dealerId, connection, canManage }: { dealer: string; dealerId: string; connection: PublishingConnection; canManage: boolean }) {
  if (!isMarketplaceId(connection.marketplace)) return null;
  const descriptor = descriptorOf(connection.marketplace);
  const c = descriptor.capabilities;
  if (!c.rehearsal && !c.holdOnFailedImages && !c.adminMigration) return null;
  const [hiddenAds, migration] = await Promise.all([
    connection.rehearsal ? db.publication.count({ where: { dealerId, connectionId: connection.id, remoteId: { not: null }, state: { not: "REMOVED" } } }) : Promise.resolve(0),
    c.adminMigration ? migrationStatus(dealerId, connection.id) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-3">
      {c.rehearsal && (
        <RehearsalControl dealer={dealer} marketplace={descriptor.name} hiddenAds={hiddenAds} canManage={canManage}
          connection={{ id: connection.id, rehearsal: connection.rehearsal, liveSince: connection.liveSince?.toISOString() ?? null }} />
      )}
      {c.adminMigration && migration && canManage && (
        <MigrationPanel dealer={dealer} connectionId={connection.id} status={migration} rehearsal={connection.rehearsal}
          names={{ marketplace: descriptor.name, backOffice: c.adminMigration.backOffice }} />
      )}
      {c.holdOnFailedImages && <PhotoPolicyControl dealer={dealer} connection={{ id: connection.id, holdOnFailedImages: connection.holdOnFailedImages }} canManage={canManage} />}
    </div>
  );
}
