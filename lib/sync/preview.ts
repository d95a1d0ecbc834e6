/**
 * "What will this do?" before it happens (issue #15): the dry-run plan of a connection's next sync
 * and the per-marketplace diff of one car. Both run the engine's own decision (plan.ts) and the
 * guard (guard.ts) over the database as it is, without a single call to a marketplace, and compare
 * each payload with the one last sent (diff.ts). Every query is scoped by dealer.
 */
import type { Prisma, SyncTrigger } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { descriptorOf, identityOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { MarketplaceDescriptor, Problem } from "@/lib/marketplaces/types";
import { diffPayloads, type PayloadDiff } from "./diff";
import { departures, removalLimit, type DepartureReason } from "./guard";
import { publishSettingsOf } from "@/lib/connections/publish-settings";
import { enrolledListingsWhere } from "@/lib/publications/enrolment";
import { planListing, pubSelect, type PlanContext, type PlanRow, type PubRow } from "./plan";

/** A listing as Prisma reads it (the preview reads whole rows; the engine reads pages in SQL). */
type ListingRow = Omit<PlanRow, "pub" | "sourceFingerprint" | "sameAsSent">;

/** The engine's decision context, without the fingerprint shortcut: the preview builds every payload. */
type PreviewContext = Omit<PlanContext, "planKey" | "fingerprints">;

/** What the next sync does with one car on one marketplace. */
export type CarAction = "create" | "update" | "remove" | "failed" | "held" | "waiting" | "unchanged" | "off";

export interface CarPlan {
  listingId: string;
  reference: string;
  title: string;
  action: CarAction;
  /** The ad leaves the marketplace (taken down, or hidden as a draft), and why. */
  offline: DepartureReason | null;
  /** create/update: the fields that change (last sent → will send) and those that stay. */
  diff: PayloadDiff | null;
  /** Sent again although no field changed (an earlier failure, or the marketplace differs). */
  resend: boolean;
  /** failed: the pre-flight problems that stop it. */
  problems: Problem[];
}

export interface MarketplaceRef {
  id: string;
  name: string;
  label: string;
  currency: string;
}

export interface SyncPlan {
  connectionId: string;
  connectionName: string;
  marketplace: MarketplaceRef;
  counts: { creates: number; updates: number; removals: number; offline: number; failed: number; held: number; unchanged: number };
  /** The cars the run sends, takes down, holds back or cannot send (unchanged cars are counted, not listed). */
  cars: CarPlan[];
  /** The guard would hold the removals for an admin: how many, against which limit. */
  hold: { removals: number; live: number; limit: number } | null;
}

const previewSelect = { ...pubSelect, sentPayload: true } as const satisfies Prisma.PublicationSelect;
type PreviewPub = PubRow & { sentPayload: Prisma.JsonValue | null };

function marketplaceRef(d: MarketplaceDescriptor): MarketplaceRef {
  return { id: d.id, name: d.name, label: d.label, currency: d.currency };
}

/** One car's decision on one marketplace, with its diff. */
function carPlan(row: ListingRow, pub: PreviewPub | null, descriptor: MarketplaceDescriptor, context: PreviewContext): CarPlan {
  const base = { listingId: row.id, reference: row.reference, title: row.title ?? "", offline: null, diff: null, resend: false, problems: [] as Problem[] };
  const plan = planListing({ ...row, pub, sourceFingerprint: "", sameAsSent: false }, { ...context, planKey: "", fingerprints: false });
  switch (plan.kind) {
    case "unchanged":
      return { ...base, action: "unchanged" };
    case "remove":
      return { ...base, action: "remove", offline: pub?.enabled === false ? "disabled" : "sold" };
    case "record":
      if (plan.item.code === "REMOVAL_HELD") return { ...base, action: "held", offline: pub?.enabled === false ? "disabled" : row.status === "SOLD" ? "sold" : "draft" };
      if (plan.item.code === "SOLD_GRACE") return { ...base, action: "waiting", offline: "sold" };
      return { ...base, action: "failed", problems: (plan.item.warnings as Problem[]).filter((p) => p.severity === "error") };
    case "push": {
      const sent = plan.isCreate ? null : pub?.sentPayload ?? null;
      const diff = diffPayloads(descriptor, sent, plan.payload, plan.isCreate ? "none" : "unknown");
      const goesDark = row.status === "DRAFT" && !plan.isCreate && pub?.remoteStatus !== "draft";
      return { ...base, action: plan.isCreate ? "create" : "update", diff, resend: !plan.isCreate && diff.baseline === "sent" && diff.changes.length === 0, offline: goesDark ? "draft" : null };
    }
  }
}

/**
 * The dry run of a connection's next sync: what a run with `trigger` would create, update, take
 * down, hold back and fail, per car, with field changes. No marketplace is called.
 */
export async function syncPlan(dealerId: string, connectionId: string, trigger: SyncTrigger = "MANUAL"): Promise<SyncPlan> {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId } });
  if (!connection || !isMarketplaceId(connection.marketplace)) throw new NotFoundError("Connection not found.");
  const descriptor = descriptorOf(connection.marketplace);
  const identity = identityOf(connection);
  const { count, live } = await departures(connection, new Date(), 0);
  const limit = removalLimit(connection, live);
  const waiting = await db.syncRun.count({ where: { dealerId, connectionId, status: "NEEDS_CONFIRMATION" } });
  const holds = count > limit;
  const settings = publishSettingsOf(connection);
  const context: PreviewContext = {
    descriptor, identity, settings, trigger, now: Date.now(), graceMs: connection.soldGraceMinutes * 60_000, runStartedAt: null,
    mayTakeDown: () => !holds && waiting === 0,
  };
  const plan: SyncPlan = {
    connectionId, connectionName: connection.name, marketplace: marketplaceRef(descriptor),
    counts: { creates: 0, updates: 0, removals: 0, offline: 0, failed: 0, held: 0, unchanged: 0 }, cars: [],
    hold: holds && waiting === 0 ? { removals: count, live, limit } : null,
  };
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.listing.findMany({
      where: { dealerId, ...enrolledListingsWhere(connection), ...(cursor ? { id: { gt: cursor } } : {}) }, orderBy: { id: "asc" }, take: 500,
      include: { publications: { where: { connectionId }, select: previewSelect } },
    });
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1].id;
    for (const row of rows) {
      const car = carPlan(row as unknown as ListingRow, (row.publications[0] ?? null) as PreviewPub | null, descriptor, context);
      if (car.action === "unchanged" || car.action === "waiting") { plan.counts.unchanged += 1; continue; }
      if (car.action === "create") plan.counts.creates += 1;
      else if (car.action === "update") plan.counts.updates += 1;
      else if (car.action === "remove") plan.counts.removals += 1;
      else if (car.action === "failed") plan.counts.failed += 1;
      else if (car.action === "held") plan.counts.held += 1;
      if (car.offline && car.action !== "held") plan.counts.offline += 1;
      plan.cars.push(car);
    }
  }
  plan.cars.sort((a, b) => a.reference.localeCompare(b.reference));
  return plan;
}

export interface ListingPreview {
  connectionId: string;
  connectionName: string;
  marketplace: MarketplaceRef;
  car: CarPlan;
}

/**
 * One car on each of the dealer's enabled connections: what its next sync changes there. The
 * guard is not weighed here (it depends on the whole stock); a removal reads as "taken down".
 */
export async function listingPreview(dealerId: string, listingId: string): Promise<ListingPreview[]> {
  const row = await db.listing.findFirst({ where: { id: listingId, dealerId }, include: { publications: { select: { ...previewSelect, connectionId: true } } } });
  if (!row) throw new NotFoundError("Listing not found.");
  const connections = await db.connection.findMany({ where: { dealerId, enabled: true }, orderBy: { name: "asc" } });
  return connections.filter((c) => isMarketplaceId(c.marketplace)).map((connection) => {
    const descriptor = descriptorOf(connection.marketplace);
    const pub = (row.publications.find((p) => p.connectionId === connection.id) ?? null) as PreviewPub | null;
    // Off here, or never enrolled on a connection that publishes only the cars chosen for it.
    const car = (pub === null && !connection.publishesEveryCar) || (pub?.enabled === false && (pub.state === "REMOVED" || !pub.sentHash))
      ? { listingId: row.id, reference: row.reference, title: row.title ?? "", action: "off" as const, offline: null, diff: null, resend: false, problems: [] }
      : carPlan(row as unknown as ListingRow, pub, descriptor, {
        descriptor, identity: identityOf(connection), settings: publishSettingsOf(connection), trigger: "SCHEDULE", now: Date.now(), graceMs: connection.soldGraceMinutes * 60_000, runStartedAt: null, mayTakeDown: () => true,
      });
    return { connectionId: connection.id, connectionName: connection.name, marketplace: marketplaceRef(descriptor), car };
  });
}
