/**
 * The grid's query: one schema for the URL, the page and the JSON endpoint. Pure (no database),
 * so the browser uses the same defaults and the same serialization.
 */
import { z } from "zod";
import { SHOWN_STATES } from "@/lib/publications/shown-state";

export const SORTABLE = ["updatedAt", "reference", "title", "make", "year", "mileage", "price", "status"] as const;
export const MISSING = ["price", "images", "location", "registration"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

/** Stored states once used in grid links → the state a dealer reads now. */
const LEGACY_STATES = { NOT_PUBLISHED: "notSent", QUEUED: "waiting", ACCEPTED: "processing", LIVE: "live", ERROR: "failed" } as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(z.enum(values)).max(values.length).default([]));

/** Query-string form of the grid's state; unknown or malformed values fall back to defaults. */
export const gridQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n)).catch(50).default(50),
  sort: z.enum(SORTABLE).catch("updatedAt").default("updatedAt"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  status: csv(["draft", "active", "reserved", "sold"] as const).catch([]),
  make: z.string().trim().max(100).catch("").default(""),
  /** `<connectionId>:<shown state>` (lib/publications/shown-state.ts), e.g. `c1:failed`. Links sent before (alert mails) name stored states. */
  market: z.preprocess((v) => (typeof v === "string" ? v.replace(/:(NOT_PUBLISHED|QUEUED|ACCEPTED|LIVE|ERROR)$/, (_, s: keyof typeof LEGACY_STATES) => `:${LEGACY_STATES[s]}`) : v), z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,40}:(${SHOWN_STATES.join("|")})$`)).or(z.literal(""))).catch("").default(""),
  missing: z.enum(MISSING).or(z.literal("")).catch("").default(""),
  q: z.string().trim().max(100).catch("").default(""),
});
export type GridQuery = z.output<typeof gridQuerySchema>;

export function parseGridQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): GridQuery {
  const entries = params instanceof URLSearchParams ? Object.fromEntries(params) : Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return gridQuerySchema.parse(entries);
}

export { serializeGridQuery } from "@/lib/listings/grid-url";
