"use server";
/** Signing out: this browser, or every browser the user is signed in on. */
import { actionClient, authedAction } from "@/lib/actions";
import { signOut } from "@/lib/auth";
import { endAllSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit";

export const signOutAction = actionClient
  .metadata({ name: "auth.signOut" })
  .action(async () => {
    // Open to a session that has already ended, so the button always clears the cookie. Ends
    // this session's row too (lib/auth events.signOut), not only the cookie.
    await signOut({ redirectTo: "/login" });
  });

export const signOutEverywhereAction = authedAction
  .metadata({ name: "auth.signOutEverywhere" })
  .action(async ({ ctx }) => {
    const sessions = await endAllSessions(ctx.user.id);
    await recordAudit({ actorId: ctx.user.id, action: "user.signed_out_everywhere", targetType: "User", targetId: ctx.user.id, data: { email: ctx.user.email, sessionsEnded: sessions, self: true } });
    await signOut({ redirectTo: "/login" });
  });
