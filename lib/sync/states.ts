/**
 * How marketplace answers map to our PublicationState.
 * - accepted (Blocket queued it) → ACCEPTED; live → LIVE, except that a listing we pushed as a
 *   draft is offline there (Okasie status draft, Blocket visible=false) → NOT_PUBLISHED.
 * - remote sold/removed → REMOVED; remote error → ERROR; processing/pending-on-Blocket → ACCEPTED.
 */
import type { PublicationState } from "@/lib/generated/prisma/client";
import type { ListingStatus } from "@/lib/listings/schema";
import type { RemoteStatus } from "@/lib/marketplaces/types";

export function stateAfterPush(result: "accepted" | "live", listingStatus: ListingStatus): PublicationState {
  if (result === "accepted") return "ACCEPTED";
  return listingStatus === "draft" ? "NOT_PUBLISHED" : "LIVE";
}

export function stateFromRemote(status: RemoteStatus, _listingStatus?: ListingStatus): PublicationState {
  switch (status) {
    case "live":
      return "LIVE";
    case "pending": // Okasie "pending" = our reserved: still visible
      return "LIVE";
    case "draft":
      return "NOT_PUBLISHED";
    case "processing":
      return "ACCEPTED";
    case "sold":
    case "removed":
      return "REMOVED";
    case "error":
      return "ERROR";
  }
}

/** States in which an ad exists (or is being written) on the marketplace and is visible or about to be. */
export const LIVE_STATES: PublicationState[] = ["LIVE", "ACCEPTED"];
