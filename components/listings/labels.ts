/**
 * How listing and publication states look to a dealer: a tone per state. Their words are catalog
 * keys (`listingStatus.*`, `publication.state.*`, `publication.help.*`), translated where shown.
 */
export type Tone = "gray" | "green" | "amber" | "blue" | "red";

/** Keyed by the database's values (DRAFT…) and the schema's (draft…). */
export const LISTING_STATUS_TONE: Record<string, Tone> = { draft: "gray", active: "green", reserved: "amber", sold: "blue" };
export const listingStatusKey = (status: string) => status.toLowerCase() as "draft" | "active" | "reserved" | "sold";
export const listingStatusTone = (status: string): Tone => LISTING_STATUS_TONE[listingStatusKey(status)] ?? "gray";

export const PUBLICATION_STATES = ["NOT_PUBLISHED", "QUEUED", "ACCEPTED", "LIVE", "ERROR", "REMOVED"] as const;
export type PublicationStateKey = (typeof PUBLICATION_STATES)[number];
export const PUBLICATION_TONE: Record<PublicationStateKey, Tone> = {
  NOT_PUBLISHED: "gray", QUEUED: "blue", ACCEPTED: "blue", LIVE: "green", ERROR: "red", REMOVED: "gray",
};
export const publicationStateOf = (state: string | null | undefined): PublicationStateKey =>
  (PUBLICATION_STATES as readonly string[]).includes(state ?? "") ? (state as PublicationStateKey) : "NOT_PUBLISHED";
