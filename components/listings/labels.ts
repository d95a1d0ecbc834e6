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
