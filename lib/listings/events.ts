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
    console.warn(`[listings] could not queue a sync for ${listingIds.length} listing(s): ${(err as Error)?.message?.slice(0, 200)}`);
  }
}
