/**
 * Moving a dealer's existing back-office ads (Blocket Admin) onto a new connection, for
 * marketplaces with the capability adminMigration (blocket.md §4.1: every existing ad is
 * re-submitted with POST, with its photos, and matched by licence plate).
 *
 * - When such a connection is added it waits (`migrationState = PENDING`: its syncs read but send
 *   nothing) until an admin either runs the migration or says there is nothing to move.
 * - The preview shows which car takes over which listed ad, and what happens to the rest.
 * - The run holds back the cars that could become a second ad (kept off this marketplace, with the
 *   reason on the car), releases the connection, and starts a sync that sends the others.
 *
 * No duplicate, even when a run is retried or interrupted: every write is idempotent by reference
 * (the adapter looks each reference up before a POST and never repeats a POST blindly; the
 * marketplace refuses a second ad with the same reference), and the marketplace itself matches by
 * plate — so running the migration again only updates what the first run sent.
 */
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { ActionError, NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { fromRow } from "@/lib/listings/store";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { getRun, requestSync } from "@/lib/sync/service";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { parseAdminAds, type AdminAdProblem } from "./admin-ads";
import { HELD, planMigration, type CarOutcome, type MigrationPlan, type PlanListing } from "./plan";

/** The publication error code of a car the migration keeps off the marketplace. */
export const HELD_CODE = "MIGRATION_HELD";

const HELD_REASON: Partial<Record<CarOutcome, string>> = {
  heldNoPlate: "migration.heldReason.noPlate",
  heldNoPhotos: "migration.heldReason.noPhotos",
  heldDuplicatePlate: "migration.heldReason.duplicatePlate",
};

function assertManage(access: DealerAccess) {
  if (!can(access.role, "connections.manage")) throw new NotFoundError();
}

async function migratableConnection(dealerId: string, connectionId: string) {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId } });
  if (!connection || !isMarketplaceId(connection.marketplace)) throw new NotFoundError();
  const descriptor = descriptorOf(connection.marketplace);
  const migration = descriptor.capabilities.adminMigration;
  if (!migration) throw new ActionError(msg("migration.notOffered", { marketplace: descriptor.name }));
  return { connection, descriptor, migration };
}

async function planListings(dealerId: string, connectionId: string, isRegistered: (l: ReturnType<typeof fromRow>) => boolean): Promise<PlanListing[]> {
  const rows = await db.listing.findMany({
    where: { dealerId },
    orderBy: { reference: "asc" },
    select: {
      id: true, reference: true, title: true, status: true, registrationNumber: true, images: true, details: true, make: true, model: true, year: true, mileage: true,
      price: true, currency: true, fuelType: true, vin: true, postalCode: true, features: true,
      publications: { where: { connectionId }, select: { enabled: true, remoteId: true, state: true, lastErrorCode: true } },
    },
  });
  return rows.map((row) => {
    let registered = true;
    try {
      registered = isRegistered(fromRow(row));
    } catch {
      // A row older than today's rules: judged by its plate alone.
    }
    const pub = row.publications[0];
    return {
      id: row.id, reference: row.reference, title: row.title, status: row.status, registrationNumber: row.registrationNumber, imageCount: row.images.length, registered,
      publication: pub ? { enabled: pub.enabled, remoteId: pub.remoteId, state: pub.state, heldByMigration: pub.lastErrorCode === HELD_CODE } : null,
    };
  });
}

export interface MigrationPreview {
  plan: MigrationPlan;
  /** Lines of the pasted list that could not be read, with why. */
  problems: AdminAdProblem[];
  /** True when the connection is rehearsing: the run is refused until it goes live. */
  rehearsal: boolean;
}

export async function previewMigration(access: DealerAccess, input: { connectionId: string; list: string; confirmedNew?: string[] }): Promise<MigrationPreview> {
  assertManage(access);
  const dealerId = access.dealer.id;
  const { connection, descriptor, migration } = await migratableConnection(dealerId, input.connectionId);
  const { ads, problems } = parseAdminAds(input.list);
  const listings = await planListings(dealerId, connection.id, (l) => descriptor.isRegistered?.(l) ?? true);
  const plan = planMigration(listings, ads, { photosRequired: migration.photosRequired, confirmedNew: new Set(input.confirmedNew ?? []) });
  return { plan, problems, rehearsal: connection.rehearsal };
}

export interface MigrationRun {
  migrationId: string;
  runId: string;
  counts: MigrationPlan["counts"];
}

export async function runMigration(actorId: string, access: DealerAccess, input: { connectionId: string; list: string; confirmedNew?: string[] }): Promise<MigrationRun> {
  assertManage(access);
  const dealerId = access.dealer.id;
  const { connection, descriptor, migration } = await migratableConnection(dealerId, input.connectionId);
  // Rehearsal sends every ad hidden: taking over a live back-office ad would hide it from buyers.
  if (connection.rehearsal) throw new ActionError(msg("migration.rehearsalOn", { marketplace: descriptor.name }));
  if (!connection.enabled) throw new ActionError(msg("migration.connectionOff"));
  const { ads, problems } = parseAdminAds(input.list);
  const listings = await planListings(dealerId, connection.id, (l) => descriptor.isRegistered?.(l) ?? true);
  const plan = planMigration(listings, ads, { photosRequired: migration.photosRequired, confirmedNew: new Set(input.confirmedNew ?? []) });

  const migrationId = await db.$transaction(async (tx) => {
    for (const car of plan.cars) {
      const reason = HELD_REASON[car.outcome];
      if (reason) {
        await tx.publication.upsert({
          where: { dealerId_listingId_connectionId: { dealerId, listingId: car.listingId, connectionId: connection.id } },
          create: { dealerId, listingId: car.listingId, connectionId: connection.id, enabled: false, lastErrorCode: HELD_CODE, lastErrorMessage: msg(reason, { marketplace: descriptor.label }) },
          update: { enabled: false, lastErrorCode: HELD_CODE, lastErrorMessage: msg(reason, { marketplace: descriptor.label }) },
        });
      }
    }
    // Cars an earlier run held back that are no longer held (photos added, plate fixed, confirmed new) go out now.
    const released = plan.cars.filter((c) => !HELD.has(c.outcome) && c.outcome !== "notSent").map((c) => c.listingId);
    if (released.length) {
      await tx.publication.updateMany({
        where: { dealerId, connectionId: connection.id, listingId: { in: released }, lastErrorCode: HELD_CODE },
        data: { enabled: true, lastErrorCode: null, lastErrorMessage: null },
      });
    }
    await tx.connection.update({ where: { id: connection.id, dealerId }, data: { migrationState: "DONE" } });
    const row = await tx.adminMigration.create({
      data: { dealerId, connectionId: connection.id, adminAds: ads as unknown as Prisma.InputJsonValue, plan: plan as unknown as Prisma.InputJsonValue, startedById: actorId },
      select: { id: true },
    });
    await recordAudit({
      actorId, dealerId, action: "connection.migration_run", targetType: "Connection", targetId: connection.id,
      data: { name: connection.name, listedAds: ads.length, unreadLines: problems.length, counts: plan.counts as unknown as Prisma.InputJsonValue },
    }, tx);
    return row.id;
  });
  const { runId } = await requestSync({ dealerId, connectionId: connection.id, trigger: "MANUAL", startedById: actorId });
  await db.adminMigration.updateMany({ where: { id: migrationId, dealerId }, data: { syncRunId: runId } });
  return { migrationId, runId, counts: plan.counts };
}

/** The dealer has nothing in the back office: the connection starts publishing. */
export async function skipMigration(actorId: string, access: DealerAccess, input: { connectionId: string }): Promise<void> {
  assertManage(access);
  const dealerId = access.dealer.id;
  const { connection } = await migratableConnection(dealerId, input.connectionId);
  await db.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id, dealerId }, data: { migrationState: connection.migrationState === "DONE" ? "DONE" : "SKIPPED" } });
    await recordAudit({ actorId, dealerId, action: "connection.migration_skipped", targetType: "Connection", targetId: connection.id, data: { name: connection.name } }, tx);
  });
}

export interface MigrationStatus {
  state: string | null;
  last: { id: string; createdAt: string; counts: MigrationPlan["counts"]; run: { id: string; status: string; done: number; total: number; failed: number } | null } | null;
}

/** Where a connection's migration stands, for the connection screen. */
export async function migrationStatus(dealerId: string, connectionId: string): Promise<MigrationStatus> {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId }, select: { migrationState: true } });
  if (!connection) throw new NotFoundError();
  const last = await db.adminMigration.findFirst({ where: { dealerId, connectionId }, orderBy: { createdAt: "desc" } });
  const run = last?.syncRunId ? await getRun(dealerId, last.syncRunId).catch(() => null) : null;
  return {
    state: connection.migrationState,
    last: last ? {
      id: last.id, createdAt: last.createdAt.toISOString(), counts: (last.plan as unknown as MigrationPlan).counts,
      run: run ? { id: run.id, status: run.status, done: run.done, total: run.total, failed: run.failed } : null,
    } : null,
  };
}
