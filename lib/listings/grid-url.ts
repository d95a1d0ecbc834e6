/**
 * The grid's URL form, without zod, for the browser bundle: defaults, and one serialization
 * (equal queries give equal strings) shared by the page, the client and the endpoint.
 */
export const GRID_DEFAULTS = { page: 1, size: 50, sort: "updatedAt", dir: "desc", status: [] as string[], make: "", market: "", missing: "", q: "" };
export type GridUrlState = { [K in keyof typeof GRID_DEFAULTS]?: unknown };

export function serializeGridQuery(q: GridUrlState): string {
  const p = new URLSearchParams();
  for (const key of Object.keys(GRID_DEFAULTS) as (keyof typeof GRID_DEFAULTS)[]) {
    const v = q[key];
    const value = Array.isArray(v) ? v.join(",") : v == null ? "" : String(v);
    const d = GRID_DEFAULTS[key];
    if (value !== "" && value !== (Array.isArray(d) ? d.join(",") : String(d))) p.set(key, value);
  }
  return p.toString();
}
