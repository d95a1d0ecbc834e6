/**
 * How a connection publishes, changed by the dealer's ADMIN: ending a rehearsal (going live) and the
 * photo policy. Both are part of every ad's payload (publish-settings.ts), so a change re-sends every
 * ad on the next sync — which is started at once. Each change is audited.
 */
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { ActionError, NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { requestSync } from "@/lib/sync/service";
import type { DealerAccess } from "@/lib/tenancy/dealers";

async function managedConnection(access: DealerAccess, connectionId: string) {
  if (!can(access.role, "connections.manage")) throw new NotFoundError();
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId: access.dealer.id } });
  if (!connection || !isMarketplaceId(connection.marketplace)) throw new NotFoundError();
  return { connection, descriptor: descriptorOf(connection.marketplace) };
}

/** The rehearsal ends: every ad sent hidden is sent again, visible (and charged as the marketplace charges). */
export async function goLive(actorId: string, access: DealerAccess, input: { connectionId: string }): Promise<{ runId: string | null; ads: number }> {
  const { connection, descriptor } = await managedConnection(access, input.connectionId);
  if (!descriptor.capabilities.rehearsal) throw new ActionError(msg("rehearsal.notOffered", { marketplace: descriptor.name }));
  if (!connection.rehearsal) throw new ActionError(msg("rehearsal.alreadyLive"));
  const ads = await db.publication.count({ where: { dealerId: access.dealer.id, connectionId: connection.id, remoteId: { not: null }, state: { not: "REMOVED" } } });
  await db.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id, dealerId: access.dealer.id }, data: { rehearsal: false, liveSince: new Date() } });
    await recordAudit({ actorId, dealerId: access.dealer.id, action: "connection.went_live", targetType: "Connection", targetId: connection.id, data: { name: connection.name, rehearsedAds: ads } }, tx);
  });
  const run = connection.enabled ? await requestSync({ dealerId: access.dealer.id, connectionId: connection.id, trigger: "MANUAL", startedById: actorId }) : null;
  return { runId: run?.runId ?? null, ads };
}

/** Blocket's dont_publish_on_failed_images for every ad of the connection. */
export async function setHoldOnFailedImages(actorId: string, access: DealerAccess, input: { connectionId: string; holdOnFailedImages: boolean }): Promise<{ runId: string | null }> {
  const { connection, descriptor } = await managedConnection(access, input.connectionId);
  if (!descriptor.capabilities.holdOnFailedImages) throw new ActionError(msg("photoPolicy.notOffered", { marketplace: descriptor.name }));
  if (connection.holdOnFailedImages === input.holdOnFailedImages) return { runId: null };
  await db.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id, dealerId: access.dealer.id }, data: { holdOnFailedImages: input.holdOnFailedImages } });
    await recordAudit({ actorId, dealerId: access.dealer.id, action: "connection.photo_policy", targetType: "Connection", targetId: connection.id, data: { name: connection.name, holdOnFailedImages: input.holdOnFailedImages } }, tx);
  });
  const run = connection.enabled && connection.migrationState !== "PENDING" ? await requestSync({ dealerId: access.dealer.id, connectionId: connection.id, trigger: "MANUAL", startedById: actorId }) : null;
  return { runId: run?.runId ?? null };
}
