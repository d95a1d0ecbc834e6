/**
 * A marketplace's answer for one ad → the new values of its Publication and the SyncItem that
 * records it. Pure: no database, no network. The remote status comes from the adapter's outcome
 * (it knows its own status words); what a removal leaves behind from the descriptor's capabilities.
 */
import { msg } from "@/lib/i18n/message";
import type { MarketplaceCapabilities, PushOutcome } from "@/lib/marketplaces/types";
import { REMOVAL_SENT } from "./hash";
import type { PlannedPush, PlannedRemoval, PubRow } from "./plan";
import { stateAfterPush } from "./states";
import type { ItemWrite, PublicationWrite } from "./store";

export interface OutcomeWrite {
  pub: PublicationWrite;
  item: Omit<ItemWrite, "durationMs">;
  ok: boolean;
}

/** The outcome of an ad the marketplace did not report on: failed, sent again next time. */
export function lost(reference: string): PushOutcome {
  return { reference, result: "rejected", code: "NO_RESULT", message: msg("syncs.messages.noResult"), retryable: true };
}

/** The publication's current values, for a write that changes only some of them. */
export function keep(listingId: string, old: PubRow | null): PublicationWrite {
  return {
    listingId,
    state: old?.state ?? "NOT_PUBLISHED",
    remoteId: old?.remoteId ?? null,
    remoteIds: old?.remoteIds ?? null,
    remoteStatus: old?.remoteStatus ?? null,
    remoteUpdatedAt: old?.remoteUpdatedAt ?? null,
    sentHash: old?.sentHash ?? null,
    sentSourceHash: old?.sentSourceHash ?? null,
    sentAt: old?.sentAt ?? null,
    rejectedHash: old?.rejectedHash ?? null,
    lastErrorCode: old?.lastErrorCode ?? null,
    lastErrorMessage: old?.lastErrorMessage ?? null,
    warnings: Array.isArray(old?.warnings) ? (old!.warnings as unknown[]) : [],
    driftDetectedAt: old?.driftDetectedAt ?? null,
  };
}

/** Problems of both lists, each (field, code) once. */
export function mergeProblems(a: { field: string; code: string }[], b: { field: string; code: string }[]) {
  const seen = new Set<string>();
  return [...a, ...b].filter((p) => {
    const k = `${p.field}|${p.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function pushWrite(p: PlannedPush, o: PushOutcome, now = new Date()): OutcomeWrite {
  const old = p.pub;
  const action = p.isCreate ? "create" : "update";
  const warnings = mergeProblems(p.warnings, o.warnings ?? []);
  if (o.result === "accepted" || o.result === "live") {
    const listingStatus = p.input.listing.status;
    return {
      ok: true,
      pub: {
        listingId: p.listingId,
        state: stateAfterPush(o.result, listingStatus),
        remoteId: o.remoteId ?? old?.remoteId ?? null,
        remoteIds: o.remoteIds ?? old?.remoteIds ?? null,
        remoteStatus: o.result === "live" ? o.remoteStatus ?? (listingStatus === "draft" ? "draft" : "live") : "processing",
        remoteUpdatedAt: old?.remoteUpdatedAt ?? null,
        sentHash: p.hash, sentSourceHash: p.sourceHash, sentPayload: p.payload, sentAt: now, rejectedHash: null,
        lastErrorCode: null, lastErrorMessage: null, warnings,
        // Our version is on the marketplace again.
        driftDetectedAt: null,
      },
      item: { listingId: p.listingId, reference: p.reference, action, outcome: "ok", code: null, message: o.message ?? null, warnings },
    };
  }
  const issues = (o.issues ?? []).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message));
  const detail = [o.message, ...issues.filter((m) => m !== o.message)].filter(Boolean).join(" · ");
  return {
    ok: false,
    pub: {
      ...keep(p.listingId, old),
      state: "ERROR",
      // Refused for good: not sent again until the listing changes (or a manual sync).
      rejectedHash: o.retryable ? old?.rejectedHash ?? null : p.hash,
      lastErrorCode: o.code ?? "REJECTED",
      // The marketplace's own words when it gave any (quoted where shown), else ours.
      lastErrorMessage: detail || msg(o.retryable ? "syncs.messages.temporaryFailure" : "syncs.messages.rejected"),
      warnings: mergeProblems(warnings, o.issues ?? []),
    },
    item: { listingId: p.listingId, reference: p.reference, action, outcome: "failed", code: o.code ?? "REJECTED", message: detail || null, warnings: mergeProblems(warnings, o.issues ?? []) },
  };
}

export function removalWrite(r: PlannedRemoval, o: PushOutcome, removal: MarketplaceCapabilities["removal"], now = new Date()): OutcomeWrite {
  const old = r.pub;
  if (o.result === "accepted" || o.result === "live") {
    return {
      ok: true,
      pub: {
        ...keep(r.listingId, old),
        // Already gone there (a no-op with no remote id): no ad of ours left to read or count.
        ...(o.noop && o.remoteId === null ? { remoteId: null, remoteUpdatedAt: null } : {}),
        // Done at once (live), or queued by the marketplace (accepted) until polling confirms it.
        state: o.result === "live" ? "REMOVED" : "ACCEPTED",
        remoteStatus: o.result === "live" ? o.remoteStatus ?? (removal === "sold" ? "sold" : "removed") : "deleting",
        sentHash: REMOVAL_SENT, sentSourceHash: null, sentAt: now, rejectedHash: null, lastErrorCode: null, lastErrorMessage: null,
        warnings: o.warnings ?? [],
      },
      item: { listingId: r.listingId, reference: r.reference, action: "remove", outcome: "ok", code: null, message: o.message ?? null, warnings: o.warnings ?? [] },
    };
  }
  return {
    ok: false,
    pub: {
      ...keep(r.listingId, old),
      state: "ERROR",
      rejectedHash: o.retryable ? old.rejectedHash : REMOVAL_SENT,
      lastErrorCode: o.code ?? "REJECTED",
      // The marketplace's own words when it gave any (quoted where shown), else ours.
      lastErrorMessage: o.message ?? msg(o.retryable ? "syncs.messages.removalRetry" : "syncs.messages.removalFailed"),
    },
    item: { listingId: r.listingId, reference: r.reference, action: "remove", outcome: "failed", code: o.code ?? "REJECTED", message: o.message ?? null, warnings: [] },
  };
}
