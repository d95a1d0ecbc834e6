import { errorSummary, logFor } from "@/lib/log";

/**
 * Tells the sync engine that listings changed, so a (debounced) push follows. A failure to
 * enqueue never fails the save: the scheduled incremental sync picks the change up anyway.
 */
export async function notifyListingsChanged(dealerId: string, listingIds: string[]) {
  if (listingIds.length === 0) return;
  try {
    const { onListingsChanged } = await import("@/lib/sync/service");
    await onListingsChanged(dealerId, listingIds);
  } catch (err) {
    logFor("listings").warn({ dealerId, listings: listingIds.length, error: errorSummary(err) }, "could not queue a sync for changed listings");
  }
}
