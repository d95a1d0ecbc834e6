/** What a dealer reads when a deletion is refused because ads are still out there (catalog keys: `deletion.*`). */
import { msg } from "@/lib/i18n/message";

const listOf = (sample: string[], count: number) => sample.slice(0, 5).join(", ") + (count > 5 ? " …" : "");

export const stillOnMarketplaceMessage = (sample: string[], count: number) => msg("deletion.carsStillOnMarketplace", { count, cars: listOf(sample, count) });

export const connectionStillPublishingMessage = (marketplace: string, sample: string[], count: number) =>
  msg("deletion.connectionStillPublishing", { count, marketplace, cars: listOf(sample, count) });

export const CONNECTION_SYNC_RUNNING = msg("deletion.connectionSyncRunning");
