/** Dealer-scoped listing writes. The caller has checked the permission; every write filters by dealerId. */
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { NotFoundError } from "@/lib/errors";
import { LISTING_STATUSES } from "@/lib/listings/schema";
import { STATUS_TO_DB } from "@/lib/listings/store";

export const setStatusSchema = z.object({
  dealer: z.string().min(1).max(64),
  listingId: z.string().min(1).max(40),
  status: z.enum(LISTING_STATUSES, { message: "Choose draft, active, reserved or sold." }),
});

export async function setListingStatus(actorId: string, dealerId: string, listingId: string, status: (typeof LISTING_STATUSES)[number]) {
  return db.$transaction(async (tx) => {
    const updated = await tx.listing.updateMany({
      where: { id: listingId, dealerId },
      data: { status: STATUS_TO_DB[status], soldAt: status === "sold" ? new Date() : null },
    });
    if (updated.count === 0) throw new NotFoundError();
    await recordAudit({ actorId, dealerId, action: "listing.status_changed", targetType: "Listing", targetId: listingId, data: { status } }, tx);
  });
}
