"use server";
/** The bell: mark one notification, or every one, read for the signed-in user (never anyone else's). */
import { z } from "zod";
import { dealerAction } from "@/lib/actions";
import { markRead } from "@/lib/notifications/inbox";

export const markNotificationsReadAction = dealerAction("dealer.view")
  .metadata({ name: "notifications.markRead" })
  .inputSchema(z.union([
    z.object({ dealer: z.string().min(1).max(64), ids: z.array(z.string().min(1).max(200)).min(1).max(200) }),
    z.object({ dealer: z.string().min(1).max(64), all: z.literal(true) }),
  ]))
  .action(async ({ parsedInput, ctx }) => {
    await markRead(ctx.user, "all" in parsedInput ? { all: true } : { ids: parsedInput.ids });
    return { ok: true };
  });
