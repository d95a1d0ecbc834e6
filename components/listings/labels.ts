/** How listing and publication states read to a dealer. */
export const LISTING_STATUS = {
  DRAFT: { label: "Draft", tone: "gray" },
  ACTIVE: { label: "For sale", tone: "green" },
  RESERVED: { label: "Reserved", tone: "amber" },
  SOLD: { label: "Sold", tone: "blue" },
} as const;

export const PUBLICATION_STATE = {
  NOT_PUBLISHED: { label: "Not published", tone: "gray", help: "Not sent to this marketplace yet." },
  QUEUED: { label: "Queued", tone: "blue", help: "Waiting for the next sync." },
  ACCEPTED: { label: "Accepted", tone: "blue", help: "The marketplace accepted the ad and is processing it." },
  LIVE: { label: "Live", tone: "green", help: "Online on the marketplace." },
  ERROR: { label: "Error", tone: "red", help: "The marketplace refused the ad. See the message." },
  REMOVED: { label: "Removed", tone: "gray", help: "Taken off the marketplace." },
} as const;

export type PublicationStateKey = keyof typeof PUBLICATION_STATE;

/** Marketplace error codes in words a dealer understands; the raw code is shown beside it. */
const EXPLAIN: Record<string, string> = {
  INVALID_PRICE: "Okasie needs a price for a car that is for sale or reserved.",
  INVALID_LOCATION: "Okasie needs the postal code, city and province of a car that is for sale.",
  INVALID_TITLE: "The ad needs a title.",
  INVALID_PROFILE: "The Okasie connection has no dealer profile or location; ask your admin.",
  PROFILE_FORBIDDEN: "The Okasie account may not publish for this dealer location; ask your admin.",
  VALIDATION_FAILED: "The marketplace refused some fields; see the details.",
  UNAUTHORIZED: "The marketplace rejected our token; ask your admin to update it.",
  RATE_LIMITED: "The marketplace asked us to slow down; it will be retried automatically.",
  source_id_burned: "Blocket never re-uses a deleted reference: give this car a new reference.",
  PREFLIGHT: "Not sent: the marketplace's rules are not met yet.",
};

export function explainError(code: string | null | undefined, message: string | null | undefined): string {
  return (code && EXPLAIN[code]) || message || "The marketplace refused this ad.";
}
