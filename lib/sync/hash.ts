/**
 * Change detection: sha256 of a payload's stable JSON (object keys sorted, so two equal payloads
 * always hash the same whatever order the mapper built them in). The baseline is what we SENT.
 */
import { createHash } from "node:crypto";

/** `sentHash` value meaning "the last thing we sent for this ad was its removal". */
export const REMOVAL_SENT = "removal";

export function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : stableJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

export function payloadHash(payload: unknown): string {
  return createHash("sha256").update(stableJson(payload)).digest("hex");
}
