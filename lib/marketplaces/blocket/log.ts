/** Blocket action-log lines → the contract's AdLogEntry, with the one stable key per line. */
import { createHash } from "node:crypto";
import type { AdLogEntry } from "../types";
import { describeExternalMessage } from "./errors";
import type { WireLogEntry } from "./wire";

/** The same line always gets the same key (request, action, state, time), so mirroring is idempotent. */
export function logLineKey(e: Pick<WireLogEntry, "request_id" | "action" | "state" | "created">): string {
  return createHash("sha256").update(`${e.request_id ?? ""}|${e.action}|${e.state}|${e.created}`).digest("hex").slice(0, 32);
}

export function toLogEntry(ad: { id: string; source_id: string }, e: WireLogEntry): AdLogEntry {
  return {
    remoteId: ad.id,
    reference: ad.source_id,
    requestId: e.request_id ?? null,
    action: e.action,
    state: e.state,
    message: describeExternalMessage(e.external_message),
    at: e.created,
    remoteLogId: logLineKey(e),
  };
}
