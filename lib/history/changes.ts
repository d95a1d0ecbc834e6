/**
 * What one change did to a car, field by field (issue #15, readable history): the stored columns
 * before and after (`Snapshot`, as change sets and editor saves keep them) → the same
 * `FieldChange` shape the sync diff uses, so one component formats both per locale (money,
 * mileage, photos, status). Pure and client-safe.
 */
import type { FieldChange, FieldKind } from "@/lib/sync/diff";
import { stableJson } from "@/lib/sync/hash";

/** A car's stored columns as JSON (lib/listings/changesets.ts `Snapshot`), loosely typed: old rows may lack keys. */
export type SnapshotLike = Record<string, unknown>;

/** Columns that are bookkeeping, not something the dealer changed. */
const IGNORED = new Set(["id", "searchText", "plausibilityConfirmed", "soldAt", "details"]);
const KIND: Record<string, FieldKind> = { price: "money", mileage: "mileage", images: "photos", status: "status", year: "number" };

const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => (empty(a) && empty(b)) || stableJson(a ?? null) === stableJson(b ?? null);

/** Money is stored as text (a Decimal); as a number it formats per locale. */
function valueOf(field: string, v: unknown): unknown {
  if (field === "price" && typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  if (field === "status" && typeof v === "string") return v.toLowerCase();
  return v ?? null;
}

function kindOf(field: string, v: unknown): FieldKind {
  if (KIND[field]) return KIND[field];
  if (Array.isArray(v)) return "list";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "flag";
  return "text";
}

function photos(before: unknown, after: unknown): FieldChange["photos"] {
  const a = (Array.isArray(before) ? before : []) as string[];
  const b = (Array.isArray(after) ? after : []) as string[];
  const kept = b.filter((u) => a.includes(u));
  return { added: b.filter((u) => !a.includes(u)).length, removed: a.filter((u) => !b.includes(u)).length, reordered: stableJson(kept) !== stableJson(a.filter((u) => b.includes(u))) };
}

/** The columns and `details` entries of a snapshot under the listing's field names. */
function flatten(s: SnapshotLike | null): Record<string, unknown> {
  if (!s) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (!IGNORED.has(k)) out[k] = valueOf(k, v);
  const details = s.details && typeof s.details === "object" && !Array.isArray(s.details) ? (s.details as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(details)) if (!(k in out)) out[k] = valueOf(k, v);
  return out;
}

/**
 * The fields that differ between two snapshots (before null: the change created the car, so every
 * filled field is new). Ordered as the car's fields are (status, title, make… first).
 */
export function snapshotChanges(before: SnapshotLike | null, after: SnapshotLike | null): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (same(a[field], b[field])) continue;
    const kind = kindOf(field, b[field] ?? a[field]);
    changes.push({ field, kind, before: a[field] ?? null, after: b[field] ?? null, ...(kind === "photos" ? { photos: photos(a[field], b[field]) } : {}) });
  }
  return changes;
}

/** Reads changes stored in an audit event's data (written by `snapshotChanges`); anything else is ignored. */
export function storedChanges(data: unknown): FieldChange[] | null {
  const list = data && typeof data === "object" ? (data as { changes?: unknown }).changes : undefined;
  if (!Array.isArray(list)) return null;
  return list.filter((c): c is FieldChange => !!c && typeof c === "object" && typeof (c as FieldChange).field === "string" && typeof (c as FieldChange).kind === "string");
}
