/**
 * A Blocket ad (state + action log) → the engine's RemoteAd (blocket.md §1.4–§1.7). Blocket has
 * no "published" state: an ad is live when it has a `blocket_ad_id`, is visible and has no
 * action pending; an action that ended in `error` in the latest write is the ad's error.
 * Log order is not relied on (G-LOGORDER): entries are sorted by `created`.
 */
import type { RemoteAd, RemoteStatus } from "../types";
import { describeExternalMessage } from "./errors";
import { toLogEntry } from "./log";
import { adLogOf, type WireAd, type WireLogEntry } from "./wire";

/** Blocket embeds at most this many log lines per ad in a list; that many may mean more exist. */
export const EMBEDDED_LOG_LIMIT = 100;

const TRIGGERS = new Set(["bump", "boost"]);

const idOf = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? null : String(v));

export function sortedLog(entries: WireLogEntry[]): WireLogEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.created) }))
    .sort((a, b) => (a.at - b.at) || (a.index - b.index))
    .map((x) => x.entry);
}

/** Last entry per (request, action): "processing" there means the action is still running. */
function latestPerAction(entries: WireLogEntry[]): Map<string, WireLogEntry> {
  const last = new Map<string, WireLogEntry>();
  for (const entry of entries) last.set(`${entry.request_id ?? ""}|${entry.action}`, entry);
  return last;
}

export function deriveStatus(ad: WireAd): { status: RemoteStatus; error: RemoteAd["error"] } {
  const log = sortedLog(adLogOf(ad));
  const latest = latestPerAction(log);
  const pending = [...latest.values()].some((e) => e.state === "processing");
  if (pending) return { status: "processing", error: null };
  if (ad.state === "deleted") return { status: "removed", error: null };

  const lastWrite = [...log].reverse().find((e) => !TRIGGERS.has(e.action));
  const ofLastWrite = lastWrite ? log.filter((e) => e.request_id === lastWrite.request_id) : [];
  const failed = ofLastWrite.find((e) => e.state === "error");
  const lastTrigger = [...log].reverse().find((e) => TRIGGERS.has(e.action));
  const triggerError = lastTrigger?.state === "error" ? lastTrigger : undefined;
  const asError = (e: WireLogEntry | undefined) => (e ? { action: e.action, code: `${e.action}_error`, message: describeExternalMessage(e.external_message) ?? `${e.action} failed` } : null);

  const published = idOf(ad.blocket_ad_id) !== null;
  const publishedNow = ofLastWrite.some((e) => e.action === "publish" && e.state === "done");
  if (failed) {
    // Some images failed but the ad went out with the rest: live, with the error shown.
    if (failed.action === "handle_media" && publishedNow) return { status: "live", error: asError(failed) };
    return { status: "error", error: asError(failed) };
  }
  if (ad.visible === false) return { status: "draft", error: asError(triggerError) };
  if (published) return { status: "live", error: asError(triggerError) };
  // Visible, not yet published and nothing logged as running: the worker has not picked it up.
  return { status: "processing", error: null };
}

export function toRemoteAd(ad: WireAd): RemoteAd {
  const { status, error } = deriveStatus(ad);
  const embedded = adLogOf(ad);
  const title = (ad as { title?: unknown }).title;
  return {
    reference: ad.source_id,
    remoteId: ad.id,
    status,
    updatedAt: ad.updated ?? null,
    title: typeof title === "string" ? title : null,
    log: sortedLog(embedded).map((e) => toLogEntry(ad, e)),
    logComplete: embedded.length < EMBEDDED_LOG_LIMIT,
    remoteIds: {
      blocket_ad_id: idOf(ad.blocket_ad_id),
      offer_id: idOf(ad.offer_id),
      blocket_store_id: idOf(ad.blocket_store_id),
    },
    error,
    raw: ad,
  };
}
