/** The sign-in form's input (shared by the form and the action). */
import { z } from "zod";
import "@/lib/i18n/zod";
import { msg } from "@/lib/i18n/message";

export const loginSchema = z.object({
  email: z.email(msg("auth.enterEmail")).max(254),
  password: z.string().min(1, msg("auth.enterPassword")).max(500),
  // Not typed by the user: an unusable value is dropped (the redirect falls back to "/").
  callbackUrl: z.string().max(2000).optional().catch(undefined),
});
