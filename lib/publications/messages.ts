/** What a dealer reads when a deletion is refused because ads are still out there. */
export function stillOnMarketplaceMessage(sample: string[], count: number): string {
  const listed = sample.slice(0, 5).join(", ") + (count > 5 ? ` and ${count - 5} more` : "");
  return `Still on a marketplace: ${listed}. Mark ${count === 1 ? "this car" : "these cars"} sold (or turn the marketplace off for ${count === 1 ? "it" : "them"}) and let the sync take the ad${count === 1 ? "" : "s"} down; then delete.`;
}

export function connectionStillPublishingMessage(marketplace: string, sample: string[], count: number): string {
  const listed = sample.slice(0, 5).join(", ") + (count > 5 ? "…" : "");
  return `${count} ad${count === 1 ? " is" : "s are"} still on ${marketplace} through this connection (${listed}). Turn ${marketplace} off for those cars, or mark them sold, and let a sync take the ads down before deleting. To stop syncing for now, switch the connection off instead.`;
}

export const CONNECTION_SYNC_RUNNING = "A sync of this connection is running. Wait for it to finish (or cancel it on the Syncs page), then delete.";
