/**
 * Import of ads that exist only on the marketplace (offered after the first sync, for marketplaces
 * with the capability importExisting): each becomes a local listing under the same reference, with
 * its Publication already matched, so the next sync neither duplicates it nor rewrites it until the
 * dealer edits it.
 *
 * Nothing the ad holds is dropped silently: what the marketplace module cannot map
 * (`importExisting.notKept`) and any value the listing's own rules refuse are reported per ad,
 * in the answer and in the audit trail. An ad the module cannot take over at all is skipped with
 * its reason.
 */
import type { Connection, Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { publishSettingsOf } from "@/lib/connections/publish-settings";
import { ActionError } from "@/lib/errors";
import { isMessage, msg } from "@/lib/i18n/message";
import { listingSchema, type Listing } from "@/lib/listings/schema";
import { toRow } from "@/lib/listings/store";
import { descriptorOf, identityOf } from "@/lib/marketplaces/registry";
import type { NotKeptField, RemoteAd } from "@/lib/marketplaces/types";
import { adapterFor } from "./adapters";
import { connectionContext } from "./context";
import { payloadHash } from "./hash";
import { stateFromRemote } from "./states";

/** Fields a listing cannot be made without: when one of them is refused, the ad is skipped. */
const ESSENTIAL = new Set(["reference", "title", "status", "currency", "blocketCategory"]);

export interface ImportResult {
  imported: string[];
  /** `reason` is a message (lib/i18n/message.ts); `field` names the listing field when one is at fault. */
  skipped: { reference: string; reason: string; field?: string }[];
  /** Per imported ad, what it held that the listing has no place for. */
  notKept: { reference: string; fields: NotKeptField[] }[];
}

type Reader = { toListing(ad: RemoteAd): unknown; notKept?(ad: RemoteAd): NotKeptField[] };

/**
 * The ad as a valid listing, or why not. A non-essential value the listing's rules refuse is left
 * out and reported (the module already checked its own mapping; this is the last safety net).
 */
function readAd(reader: Reader, ad: RemoteAd): { listing: Listing; notKept: NotKeptField[] } | { reason: string; field?: string } {
  let input: Record<string, unknown>;
  let notKept: NotKeptField[];
  try {
    input = { ...(reader.toListing(ad) as Record<string, unknown>) };
    notKept = reader.notKept?.(ad) ?? [];
  } catch (err) {
    const message = (err as Error)?.message;
    return { reason: isMessage(message) ? message : msg("imports.skipped.unreadable") };
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const parsed = listingSchema.safeParse(input);
    if (parsed.success) return { listing: parsed.data, notKept };
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")))];
    const essential = fields.find((f) => f === "" || ESSENTIAL.has(f));
    if (essential !== undefined) {
      const issue = parsed.error.issues.find((i) => String(i.path[0] ?? "") === essential);
      return { reason: issue?.message && isMessage(issue.message) ? issue.message : msg("imports.skipped.invalid"), field: essential || undefined };
    }
    for (const field of fields) {
      notKept.push({ field, value: valueText(input[field]), reason: msg("imports.notKept.invalid") });
      delete input[field];
    }
  }
  return { reason: msg("imports.skipped.invalid") };
}

function valueText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value);
  }
}

export async function importRemoteListings(connection: Connection, references: string[], actorId: string | null = null): Promise<ImportResult> {
  const descriptor = descriptorOf(connection.marketplace);
  const adapter = adapterFor(connection.marketplace);
  const reader = adapter.importExisting;
  if (!descriptor.capabilities.importExisting || !reader) throw new ActionError(msg("imports.notOffered", { marketplace: descriptor.name }));
  const wanted = [...new Set(references.map((r) => r.trim()).filter(Boolean))].slice(0, 5000);
  const result: ImportResult = { imported: [], skipped: [], notKept: [] };
  if (wanted.length === 0) return result;
  const remote = await adapter.remoteState({ references: wanted }, connectionContext(connection));
  const byRef = new Map(remote.filter((r) => r.reference).map((r) => [r.reference!, r]));
  const existing = new Set((await db.listing.findMany({ where: { dealerId: connection.dealerId, reference: { in: wanted } }, select: { reference: true } })).map((l) => l.reference));
  const identity = identityOf(connection);
  // The baseline is the payload this connection would send for the imported listing (settings included),
  // so the next sync finds nothing to write until the dealer changes the car.
  const settings = publishSettingsOf(connection);
  for (const reference of wanted) {
    const ad = byRef.get(reference);
    if (existing.has(reference)) { result.skipped.push({ reference, reason: msg("imports.skipped.exists") }); continue; }
    if (!ad || ad.status === "removed" || ad.status === "sold") { result.skipped.push({ reference, reason: msg("imports.skipped.missing", { marketplace: descriptor.name }) }); continue; }
    const read = readAd(reader, ad);
    if ("reason" in read) { result.skipped.push({ reference, reason: read.reason, field: read.field }); continue; }
    const { listing, notKept } = read;
    if (listing.reference !== reference) { result.skipped.push({ reference, reason: msg("imports.skipped.invalid"), field: "reference" }); continue; }
    const now = new Date();
    const baseline = descriptor.payload({ listing, ...(settings ? { settings } : {}) }, identity);
    await db.$transaction(async (tx) => {
      const row = await tx.listing.create({ data: { ...toRow(listing), dealerId: connection.dealerId, referenceLockedAt: now }, select: { id: true } });
      await tx.publication.create({
        data: {
          dealerId: connection.dealerId, listingId: row.id, connectionId: connection.id,
          state: stateFromRemote(ad.status, listing.status), remoteId: ad.remoteId, remoteStatus: ad.status,
          remoteUpdatedAt: ad.updatedAt ? new Date(ad.updatedAt) : null,
          // The ad as the marketplace holds it is the baseline: no write until the dealer changes something.
          sentHash: payloadHash(baseline), sentPayload: baseline as Prisma.InputJsonValue, sentAt: now,
          remoteIds: (ad.remoteIds ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
      await recordAudit({
        actorId, dealerId: connection.dealerId, action: "listing.imported", targetType: "Listing", targetId: row.id,
        data: { reference, connectionId: connection.id, marketplace: connection.marketplace, notKept: notKept as unknown as Prisma.InputJsonValue },
      }, tx);
    });
    result.imported.push(reference);
    if (notKept.length) result.notKept.push({ reference, fields: notKept });
  }
  return result;
}
