/** What the screens need to offer paid promotions: the dealer's connections that sell them, from their descriptors. */
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { PaidPromotion } from "@/lib/marketplaces/types";

export interface PromotableConnection {
  id: string;
  name: string;
  marketplace: string;
  currency: string;
  rehearsal: boolean;
  kinds: { kind: PaidPromotion; durationHours: number | null; registeredOnly: boolean; channelChoice: boolean }[];
  /** Channels a car's promotions can leave out (Blocket, Bytbil). */
  channels: string[];
}

export async function promotableConnections(dealerId: string): Promise<PromotableConnection[]> {
  const rows = await db.connection.findMany({ where: { dealerId, enabled: true }, orderBy: { name: "asc" }, select: { id: true, name: true, marketplace: true, rehearsal: true } });
  return rows.flatMap((c) => {
    if (!isMarketplaceId(c.marketplace)) return [];
    const d = descriptorOf(c.marketplace);
    if (d.capabilities.paidPromotions.length === 0) return [];
    return [{
      id: c.id, name: c.name, marketplace: d.name, currency: d.currency, rehearsal: c.rehearsal,
      kinds: d.capabilities.paidPromotions.map((kind) => {
        const terms = d.promotions?.[kind];
        return { kind, durationHours: terms?.durationHours ?? null, registeredOnly: terms?.registeredOnly ?? false, channelChoice: terms?.channelChoice ?? false };
      }),
      channels: [...(d.capabilities.promotionChannels ?? [])],
    }];
  });
}
