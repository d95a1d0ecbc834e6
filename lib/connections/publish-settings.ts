/**
 * A connection's publishing choices as its marketplace module receives them (PublishSettings):
 * only what the marketplace's descriptor declares, so a marketplace without rehearsals never sees
 * one. The engine, the import and the editor all read them here, so the payload they hash is the same.
 */
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { PublishSettings } from "@/lib/marketplaces/types";

export interface ConnectionPublishing {
  marketplace: string;
  rehearsal: boolean;
  holdOnFailedImages: boolean;
}

export function publishSettingsOf(connection: ConnectionPublishing): PublishSettings | undefined {
  if (!isMarketplaceId(connection.marketplace)) return undefined;
  const c = descriptorOf(connection.marketplace).capabilities;
  const settings: PublishSettings = {};
  if (c.rehearsal && connection.rehearsal) settings.rehearsal = true;
  if (c.holdOnFailedImages && connection.holdOnFailedImages) settings.holdOnFailedImages = true;
  return Object.keys(settings).length ? settings : undefined;
}
