/**
 * What one listing needs on one connection, decided without any network call:
 * - publication disabled → taken down if it is out there, else nothing;
 * - sold → removed (marked sold or deleted, as the marketplace does) once the grace period has passed;
 * - draft → sent only if it was published before (the marketplace's mapping takes it offline);
 *   a never-published draft stays local;
 * - active / reserved → sent when the hash of the exact payload differs from what we last sent;
 * - pre-flight errors → not sent; ERROR with the problems, reported once per payload.
 */
import { msg } from "@/lib/i18n/message";
import type { ListingStatus, Prisma, PublicationState, SyncTrigger } from "@/lib/generated/prisma/client";
import type { Listing as CanonicalListing } from "@/lib/listings/schema";
import { fromRow } from "@/lib/listings/store";
import type { MarketplaceDescriptor, MarketplaceIdentity, Problem, PublishInput, PublishSettings } from "@/lib/marketplaces/types";
import { sourceHashOf } from "./fingerprint";
import { payloadHash, REMOVAL_SENT } from "./hash";
import type { ItemWrite, PublicationWrite } from "./store";

export const pubSelect = {
  id: true, enabled: true, state: true, remoteId: true, remoteIds: true, remoteStatus: true, remoteUpdatedAt: true,
  sentHash: true, sentSourceHash: true, sentAt: true, rejectedHash: true, lastErrorCode: true, lastErrorMessage: true, warnings: true,
  driftDetectedAt: true, overrideTitle: true, overrideDescription: true, overridePrice: true,
} as const satisfies Prisma.PublicationSelect;

/** A publication as the plan reads it (from Prisma with `pubSelect`, or from listing-pages.ts). */
export interface PubRow {
  id: string;
  enabled: boolean;
  state: PublicationState;
  remoteId: string | null;
  remoteIds: Prisma.JsonValue | null;
  remoteStatus: string | null;
  remoteUpdatedAt: Date | null;
  sentHash: string | null;
  sentSourceHash: string | null;
  sentAt: Date | null;
  rejectedHash: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  warnings: Prisma.JsonValue;
  driftDetectedAt: Date | null;
  overrideTitle: string | null;
  overrideDescription: string | null;
  overridePrice: { toString(): string } | null;
}

/** One listing of the page the pipeline plans (listing-pages.ts), with its publication on the connection. */
export interface PlanRow {
  id: string;
  reference: string;
  status: ListingStatus;
  title: string;
  make: string | null;
  model: string | null;
  year: number | null;
  mileage: number | null;
  price: { toString(): string } | number | null;
  currency: string;
  fuelType: string | null;
  registrationNumber: string | null;
  vin: string | null;
  postalCode: string | null;
  images: string[];
  features: unknown;
  details: unknown;
  soldAt: Date | null;
  updatedAt: Date;
  /** md5 of the stored inputs of its payload (fingerprint.ts). */
  sourceFingerprint: string;
  /**
   * Its fingerprint equals the one stored with the payload last accepted, and nothing is pending
   * (read with the run's plan key; listing-pages.ts). Its content columns were then not read.
   */
  sameAsSent: boolean;
  pub: PubRow | null;
}

export interface PlannedPush {
  kind: "push"; listingId: string; reference: string; input: PublishInput; hash: string; payload: unknown; isCreate: boolean; pub: PubRow | null; warnings: Problem[];
  /** Fingerprint of this payload's inputs, stored with it once it is accepted. */
  sourceHash: string;
}
export interface PlannedRemoval { kind: "remove"; listingId: string; reference: string; pub: PubRow }
export type Plan =
  | PlannedPush
  | PlannedRemoval
  /**
   * `count`: counted as unchanged (not when this run already wrote it before a resume).
   * `sourceHash`: planned in full and found unchanged, but its stored fingerprint is missing or
   * stale: store this one so the next run recognises it at once.
   */
  | { kind: "unchanged"; count: boolean; listingId?: string; sourceHash?: string; sentHash?: string }
  /** Decided locally (pre-flight failure, deferred removal): recorded without a request. */
  | { kind: "record"; item: ItemWrite; pub: PublicationWrite | null; failed: boolean; unchanged: boolean };

export interface PlanContext {
  /** The marketplace's payload mapping and pre-flight rules (the same the editor runs). */
  descriptor: MarketplaceDescriptor;
  identity: MarketplaceIdentity;
  /** The connection's publishing choices (rehearsal, photo policy): part of the payload. */
  settings?: PublishSettings;
  trigger: SyncTrigger;
  now: number;
  graceMs: number;
  runStartedAt: Date | null;
  /** Whether the mass-removal guard lets this run take this listing's ad off the marketplace. */
  mayTakeDown: (listingId: string) => boolean;
  /** fingerprint.ts `planKey` of this run: mapping, identity and settings. */
  planKey: string;
  /** Recognise unchanged listings by fingerprint (off for manual and reconcile runs: they plan every payload). */
  fingerprints: boolean;
}

/** Out there (or being written) as far as we know: something was sent or matched, and not removed. */
export function isOnMarketplace(pub: PubRow | null): pub is PubRow {
  return !!pub && pub.state !== "REMOVED" && pub.sentHash !== REMOVAL_SENT && (pub.sentHash !== null || pub.remoteId !== null);
}

const PENDING_STATES: PublicationState[] = ["QUEUED", "ERROR"];

function overridesOf(pub: PubRow | null) {
  if (!pub) return null;
  const o = { title: pub.overrideTitle ?? null, description: pub.overrideDescription ?? null, price: pub.overridePrice === null ? null : Number(pub.overridePrice.toString()) };
  return o.title === null && o.description === null && o.price === null ? null : o;
}

export function planListing(row: PlanRow, c: PlanContext): Plan {
  const pub = row.pub;
  // Written by this very run before a crash: already counted once.
  const countable = !(pub?.sentAt && c.runStartedAt && pub.sentAt >= c.runStartedAt);
  const wantsRemoval = pub?.enabled === false || row.status === "SOLD";
  if (wantsRemoval) {
    if (!isOnMarketplace(pub)) return { kind: "unchanged", count: countable };
    if (pub.rejectedHash === REMOVAL_SENT && c.trigger !== "MANUAL" && c.trigger !== "RECONCILE") return { kind: "unchanged", count: countable };
    if (!c.mayTakeDown(row.id)) return heldBack(row);
    const soldAt = (row.soldAt ?? row.updatedAt).getTime();
    if (pub.enabled !== false && c.now - soldAt < c.graceMs) {
      return {
        kind: "record", failed: false, unchanged: true, pub: null,
        item: { listingId: row.id, reference: row.reference, action: "skip", outcome: "skipped", code: "SOLD_GRACE", message: msg("syncs.messages.soldGrace", { minutes: Math.round(c.graceMs / 60_000) }), warnings: [], durationMs: null },
      };
    }
    return { kind: "remove", listingId: row.id, reference: row.reference, pub };
  }
  if (row.status === "DRAFT" && !isOnMarketplace(pub)) return { kind: "unchanged", count: countable };
  // Back to draft takes a live ad offline: the guard weighs it like a removal (guard.ts).
  if (row.status === "DRAFT" && pub && pub.enabled && LIVE_OR_SENDING.includes(pub.state) && pub.remoteStatus !== "draft" && !c.mayTakeDown(row.id)) return heldBack(row);

  // The same inputs as the payload last accepted, and nothing pending: unchanged, without building it.
  if (c.fingerprints && row.sameAsSent) return { kind: "unchanged", count: countable };
  const sourceHash = sourceHashOf(c.planKey, row.sourceFingerprint);

  let listing: CanonicalListing;
  try {
    listing = fromRow(row);
  } catch {
    return preflightFailure(row, pub, "invalid", [{ field: "", severity: "error", code: "INVALID_LISTING", message: msg("syncs.messages.invalidListing") }]);
  }
  const input: PublishInput = { listing, overrides: overridesOf(pub), ...(c.settings ? { settings: c.settings } : {}) };
  const payload = c.descriptor.payload(input, c.identity);
  const hash = payloadHash(payload);
  const forced = c.trigger === "MANUAL" || c.trigger === "RECONCILE";
  if (pub && hash === pub.sentHash && !PENDING_STATES.includes(pub.state)) {
    return pub.sentSourceHash === sourceHash ? { kind: "unchanged", count: countable } : { kind: "unchanged", count: countable, listingId: row.id, sourceHash, sentHash: hash };
  }
  if (pub && hash === pub.rejectedHash && !forced) return { kind: "unchanged", count: countable };

  const problems = c.descriptor.preflight(input, c.identity);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) return preflightFailure(row, pub, hash, problems);
  return {
    kind: "push", listingId: row.id, reference: row.reference, input, hash, payload, pub, sourceHash,
    isCreate: !pub || (pub.sentHash === null && pub.remoteId === null) || pub.state === "REMOVED" || pub.sentHash === REMOVAL_SENT,
    warnings: problems.filter((p) => p.severity === "warning"),
  };
}

const LIVE_OR_SENDING: PublicationState[] = ["LIVE", "ACCEPTED", "QUEUED"];

/** Held back by the mass-removal guard: stays as it is on the marketplace (counted as unchanged). */
function heldBack(row: PlanRow): Plan {
  return {
    kind: "record", failed: false, unchanged: true, pub: null,
    item: { listingId: row.id, reference: row.reference, action: "skip", outcome: "skipped", code: "REMOVAL_HELD", message: msg("syncs.messages.removalHeld"), warnings: [], durationMs: null },
  };
}

function preflightFailure(row: PlanRow, pub: PubRow | null, hash: string, problems: Problem[]): Plan {
  const errors = problems.filter((p) => p.severity === "error");
  // The problems themselves travel in `warnings`; the message says how many there are.
  const message = msg("syncs.messages.preflight", { count: errors.length });
  return {
    kind: "record", failed: true, unchanged: false,
    // A missing publication row is created first (engine: ensurePublications), then gets the error.
    pub: {
      listingId: row.id, state: "ERROR", remoteId: pub?.remoteId ?? null, remoteIds: pub?.remoteIds ?? null, remoteStatus: pub?.remoteStatus ?? null,
      remoteUpdatedAt: pub?.remoteUpdatedAt ?? null, sentHash: pub?.sentHash ?? null, sentSourceHash: pub?.sentSourceHash ?? null, sentAt: pub?.sentAt ?? null, rejectedHash: hash,
      lastErrorCode: "PREFLIGHT", lastErrorMessage: message, warnings: problems, driftDetectedAt: pub?.driftDetectedAt ?? null,
    },
    item: { listingId: row.id, reference: row.reference, action: "preflight", outcome: "failed", code: "PREFLIGHT", message, warnings: problems, durationMs: null },
  };
}
