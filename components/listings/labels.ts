/**
 * How listing states look to a dealer: a tone per state. Their words are catalog keys
 * (`listingStatus.*`), translated where shown. A car's state on a marketplace is
 * lib/publications/shown-state.ts.
 */
export type Tone = "gray" | "green" | "amber" | "blue" | "red";

/** Keyed by the database's values (DRAFT…) and the schema's (draft…). */
export const LISTING_STATUS_TONE: Record<string, Tone> = { draft: "gray", active: "green", reserved: "amber", sold: "blue" };
export const listingStatusKey = (status: string) => status.toLowerCase() as "draft" | "active" | "reserved" | "sold";
export const listingStatusTone = (status: string): Tone => LISTING_STATUS_TONE[listingStatusKey(status)] ?? "gray";
