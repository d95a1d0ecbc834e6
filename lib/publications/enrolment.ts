/**
 * Enrolment: which cars a connection publishes. A connection added since enrolment exists
 * (`publishesEveryCar` false) sends only the cars the dealer chose — a car is enrolled when it has a
 * publication row there. Older connections keep publishing every car unless turned off for it.
 *
 * Before choosing, the dealer sees every car not yet published there in two groups: passes the
 * marketplace's pre-flight now, or needs work (with the marketplace's problems, in the reader's
 * words). Only passing cars can be enrolled: a car that fails is refused (and nothing changes)
 * until it is fixed, so enrolling never floods the dealer with errors
 * (docs/decisions/enrolment.md).
 */
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { FieldConflict, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { msg } from "@/lib/i18n/message";
import { saveChangeSet } from "@/lib/listings/changesets";
import { notifyListingsChanged } from "@/lib/listings/events";
import type { Listing } from "@/lib/listings/schema";
import { fromRow, STATUS_FROM_DB } from "@/lib/listings/store";
import { descriptorOf, identityOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { Problem } from "@/lib/marketplaces/types";

/** The cars a connection takes into its syncs: every car, or only those enrolled (a publication row there, on or off). */
export function enrolledListingsWhere(connection: { id: string; publishesEveryCar: boolean }): Prisma.ListingWhereInput {
  return connection.publishesEveryCar ? {} : { publications: { some: { connectionId: connection.id } } };
}

/** Enrolling and seeing the choice are both the editors' work (lib/auth/permissions.ts). */
function assertMayEnrol(access: DealerAccess) {
  if (!can(access.role, "publications.enrol")) throw new NotFoundError();
}

export interface EnrolmentCar {
  id: string;
  reference: string;
  title: string;
  status: "active" | "reserved" | "draft";
  /** Pre-flight errors (a car with any needs work) and warnings, as the marketplace module words them. */
  problems: Pick<Problem, "field" | "code" | "message" | "severity">[];
}

export interface EnrolmentChoice {
  connection: { id: string; name: string; marketplace: string; marketplaceName: string };
  /** Cars that pass pre-flight now: can be enrolled. */
  ready: EnrolmentCar[];
  /** Cars with at least one pre-flight error: fix them first. */
  needsWork: EnrolmentCar[];
  /** Cars already published by this connection (not offered again). */
  enrolled: number;
}

const CAR_LIMIT = 2_000;

async function ownConnection(tx: Prisma.TransactionClient, dealerId: string, connectionId: string) {
  const connection = await tx.connection.findFirst({ where: { id: connectionId, dealerId, archivedAt: null } });
  if (!connection || !isMarketplaceId(connection.marketplace)) throw new NotFoundError();
  return connection;
}

type CandidateRow = Prisma.ListingGetPayload<{ include: { publications: true } }>;

function preflightOf(row: CandidateRow, connection: Awaited<ReturnType<typeof ownConnection>>): EnrolmentCar["problems"] {
  let listing: Listing;
  try {
    listing = fromRow(row);
  } catch {
    return [{ field: "", code: "INVALID_LISTING", severity: "error", message: msg("syncs.messages.invalidListing") }];
  }
  const pub = row.publications[0];
  const overrides = pub && (pub.overrideTitle !== null || pub.overrideDescription !== null || pub.overridePrice !== null)
    ? { title: pub.overrideTitle, description: pub.overrideDescription, price: pub.overridePrice === null ? null : Number(pub.overridePrice) }
    : null;
  return descriptorOf(connection.marketplace).preflight({ listing, overrides }, identityOf(connection))
    .map((p) => ({ field: p.field, code: p.code, message: p.message, severity: p.severity }));
}

const isEnrolled = (row: CandidateRow, connection: { publishesEveryCar: boolean }) =>
  row.publications[0] ? row.publications[0].enabled : connection.publishesEveryCar;

/**
 * Every car of the dealer this connection does not publish yet (sold ones aside), split by
 * pre-flight; with `ids`, only those cars (the bulk "publish there"). Writes nothing.
 */
export async function enrolmentChoice(access: DealerAccess, connectionId: string, ids?: string[]): Promise<EnrolmentChoice> {
  assertMayEnrol(access);
  const dealerId = access.dealer.id;
  const connection = await ownConnection(db, dealerId, connectionId);
  const rows = await db.listing.findMany({
    where: { dealerId, status: { not: "SOLD" }, ...(ids ? { id: { in: ids } } : {}) },
    include: { publications: { where: { connectionId: connection.id } } },
    orderBy: { reference: "asc" }, take: CAR_LIMIT,
  });
  if (ids && rows.length !== new Set(ids).size) {
    // Another dealer's car, or one deleted meanwhile; a sold car is simply not offered.
    const found = await db.listing.count({ where: { dealerId, id: { in: ids } } });
    if (found !== new Set(ids).size) throw new NotFoundError();
  }
  const choice: EnrolmentChoice = {
    connection: { id: connection.id, name: connection.name, marketplace: connection.marketplace, marketplaceName: descriptorOf(connection.marketplace).name },
    ready: [], needsWork: [], enrolled: 0,
  };
  for (const row of rows) {
    if (isEnrolled(row, connection)) { choice.enrolled += 1; continue; }
    const problems = preflightOf(row, connection);
    const car: EnrolmentCar = { id: row.id, reference: row.reference, title: row.title, status: STATUS_FROM_DB[row.status] as EnrolmentCar["status"], problems };
    (problems.some((p) => p.severity === "error") ? choice.needsWork : choice.ready).push(car);
  }
  return choice;
}

/**
 * Publishes the chosen cars on the connection: one transaction, audited, undoable like the bulk
 * marketplace switch (a car this enrolled goes back to not published). Another dealer's car or
 * connection is "not found"; a chosen car that fails pre-flight refuses the whole choice.
 * The next sync sends them.
 */
export async function enrolCars(actor: SessionUser, access: DealerAccess, input: { connectionId: string; ids: string[] }) {
  assertMayEnrol(access);
  const dealerId = access.dealer.id;
  const ids = [...new Set(input.ids)];
  const result = await db.$transaction(async (tx) => {
    const connection = await ownConnection(tx, dealerId, input.connectionId);
    const rows = await tx.listing.findMany({ where: { dealerId, id: { in: ids } }, include: { publications: { where: { connectionId: connection.id } } } });
    if (rows.length !== ids.length) throw new NotFoundError();
    const sold = rows.filter((r) => r.status === "SOLD").map((r) => r.reference);
    if (sold.length) throw new FieldConflict("ids", msg("enrolment.errors.sold", { references: sold.join(", ") }));
    const failing = rows.filter((r) => preflightOf(r, connection).some((p) => p.severity === "error")).map((r) => r.reference);
    if (failing.length) throw new FieldConflict("ids", msg("enrolment.errors.needsWork", { count: failing.length, references: failing.slice(0, 10).join(", ") }));
    const switching = rows.filter((r) => !isEnrolled(r, connection));
    // Before: the row's switch, or — without a row — off on an enrolment connection (so undo
    // takes the car out again) and "no setting" (on) on one that publishes every car.
    const switches = new Map(switching.map((r) => [r.id, [{ connectionId: connection.id, before: r.publications[0]?.enabled ?? (connection.publishesEveryCar ? null : false), after: true }]]));
    for (const r of switching) {
      await tx.publication.upsert({
        where: { dealerId_listingId_connectionId: { dealerId, listingId: r.id, connectionId: connection.id } },
        create: { dealerId, listingId: r.id, connectionId: connection.id, enabled: true },
        update: { enabled: true },
      });
    }
    const changeSetId = await saveChangeSet(tx, { dealerId, actorId: actor.id, kind: "bulk", summary: { created: 0, updated: switches.size, connectionId: connection.id, enabled: true }, before: new Map(), publications: switches });
    await recordAudit({
      // The bulk switch's event: enrolling is switching the marketplace on for the chosen cars.
      actorId: actor.id, dealerId, action: "listing.channel_enabled", targetType: "Connection", targetId: connection.id,
      data: { enrolment: true, name: connection.name, count: switching.length, references: switching.map((r) => r.reference), ...(changeSetId ? { changeSetId } : {}) },
    }, tx);
    return { enrolled: switching.length, changeSetId, listingIds: switching.map((r) => r.id) };
  }, { timeout: 60_000 });
  await notifyListingsChanged(dealerId, result.listingIds);
  return { enrolled: result.enrolled, changeSetId: result.changeSetId };
}
