/** The sign-in form's schema and messages (shared by the form and the action). */
import { z } from "zod";

export const loginSchema = z.object({
  email: z.email("Enter your e-mail address.").max(254, "Enter your e-mail address."),
  password: z.string().min(1, "Enter your password.").max(500, "At most 500 characters."),
  callbackUrl: z.string().max(2000).optional().catch(undefined),
});

export const WRONG_CREDENTIALS = "That e-mail and password do not match. Check both and try again.";

export function throttledMessage(retryAfterSeconds: number | undefined): string {
  const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 900) / 60));
  return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask your admin to reset your password.`;
}
