/**
 * The field-by-field diff between what we last sent to a marketplace and what the next sync would
 * send (issue #15). Pure and client-safe: both payloads go through the marketplace's own
 * `payloadFields` (its wire keys under the canonical listing's names), so Okasie's `brand` and
 * Blocket's `category_fields.brand` both read as "make", and a price is a price on both.
 * Without `payloadFields` a module's payload is compared by its wire keys.
 */
import type { MarketplaceDescriptor } from "@/lib/marketplaces/types";
import { stableJson } from "./hash";

/** How a field's values are shown: the screen formats each kind per locale. */
export type FieldKind = "money" | "mileage" | "number" | "photos" | "list" | "flag" | "status" | "text";

export interface FieldChange {
  field: string;
  kind: FieldKind;
  before: unknown;
  after: unknown;
  /** Photos only: how the set changed. */
  photos?: { added: number; removed: number; reordered: boolean };
}

export interface PayloadDiff {
  /**
   * `none`: nothing was ever sent (the whole ad is new); `unknown`: sent before Forecourt kept
   * payloads (only the hash is known, so the fields cannot be compared); `sent`: an exact diff.
   */
  baseline: "none" | "unknown" | "sent";
  changes: FieldChange[];
  /** Fields that stay as they are on the marketplace. */
  unchanged: string[];
}

const KIND_OF: Record<string, FieldKind> = { price: "money", mileage: "mileage", images: "photos", status: "status", visible: "flag" };

function kindOf(field: string, value: unknown): FieldKind {
  if (KIND_OF[field]) return KIND_OF[field];
  if (Array.isArray(value)) return "list";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "flag";
  return "text";
}

/** A payload under the names a dealer knows (the module's mapping, else its own keys). */
export function fieldsOf(descriptor: Pick<MarketplaceDescriptor, "payloadFields">, payload: unknown): Record<string, unknown> {
  if (descriptor.payloadFields) return descriptor.payloadFields(payload);
  return { ...((payload ?? {}) as Record<string, unknown>) };
}

const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => (empty(a) && empty(b)) || stableJson(a ?? null) === stableJson(b ?? null);

function photoChange(before: unknown, after: unknown): FieldChange["photos"] {
  const a = (Array.isArray(before) ? before : []) as string[];
  const b = (Array.isArray(after) ? after : []) as string[];
  const added = b.filter((u) => !a.includes(u)).length;
  const removed = a.filter((u) => !b.includes(u)).length;
  const kept = b.filter((u) => a.includes(u));
  const keptBefore = a.filter((u) => b.includes(u));
  return { added, removed, reordered: stableJson(kept) !== stableJson(keptBefore) };
}

/**
 * What changes between `sent` (the payload last sent, or null) and `next` (the payload the next
 * sync would send). With no payload, `noPayload` says why: never sent (every filled field is new)
 * or sent before payloads were kept (nothing can be compared).
 */
export function diffPayloads(descriptor: Pick<MarketplaceDescriptor, "payloadFields">, sent: unknown | null, next: unknown, noPayload: "none" | "unknown" = "none"): PayloadDiff {
  const after = fieldsOf(descriptor, next);
  if (sent === null || sent === undefined) {
    if (noPayload === "unknown") return { baseline: "unknown", changes: [], unchanged: [] };
    const changes = Object.entries(after).filter(([, v]) => !empty(v)).map(([field, v]) => ({ field, kind: kindOf(field, v), before: null, after: v }));
    return { baseline: "none", changes, unchanged: [] };
  }
  const before = fieldsOf(descriptor, sent);
  const changes: FieldChange[] = [];
  const unchanged: string[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[field];
    const b = after[field];
    if (same(a, b)) {
      if (!empty(b)) unchanged.push(field);
      continue;
    }
    const kind = kindOf(field, b ?? a);
    changes.push({ field, kind, before: a ?? null, after: b ?? null, ...(kind === "photos" ? { photos: photoChange(a, b) } : {}) });
  }
  return { baseline: "sent", changes, unchanged };
}
