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

/**
 * Error codes any marketplace may give, in words a dealer understands; the raw code is shown
 * beside it. A marketplace's own codes are in its module's error vocabulary (texts.errors).
 */
const EXPLAIN: Record<string, string> = {
  INVALID_TITLE: "The ad needs a title.",
  VALIDATION_FAILED: "The marketplace refused some fields; see the details.",
  UNAUTHORIZED: "The marketplace rejected our token; ask your admin to update it.",
  RATE_LIMITED: "The marketplace asked us to slow down; it will be retried automatically.",
  PREFLIGHT: "Not sent: the marketplace's rules are not met yet.",
};

/** `vocabulary`: the marketplace's own error explanations (its descriptor's texts.errors), consulted first. */
export function explainError(code: string | null | undefined, message: string | null | undefined, vocabulary: Record<string, string> = {}): string {
  return (code && (vocabulary[code] ?? EXPLAIN[code])) || message || "The marketplace refused this ad.";
}
