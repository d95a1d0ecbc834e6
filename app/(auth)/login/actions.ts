"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { signIn } from "@/lib/auth";
import { returnValidationErrors } from "next-safe-action";
import { env } from "@/lib/env";
import { msg } from "@/lib/i18n/message";

const loginSchema = z.object({
  email: z.email(msg("auth.enterEmail")).max(254),
  password: z.string().min(1, msg("auth.enterPassword")).max(500),
  callbackUrl: z.string().max(500).optional(),
});

/** Only a path on this site, so the login form cannot bounce users to another site. */
function safeRedirect(url: string | undefined): string {
  if (!url) return "/";
  try {
    const { pathname, search } = new URL(url, "http://local.invalid");
    return pathname.startsWith("//") ? "/" : pathname + search;
  } catch {
    return "/";
  }
}

export const loginAction = actionClient
  .metadata({ name: "auth.login" })
  .inputSchema(loginSchema)
  .action(async ({ parsedInput }) => {
    try {
      await signIn("credentials", { email: parsedInput.email, password: parsedInput.password, redirect: false });
    } catch (e) {
      if (e instanceof AuthError) {
        const code = (e as AuthError & { code?: string }).code;
        const message =
          code === "throttled"
            ? msg("auth.throttled", { minutes: env().LOGIN_THROTTLE_WINDOW_MINUTES })
            : msg("auth.wrongCredentials");
        returnValidationErrors(loginSchema, { _errors: [message] });
      }
      throw e;
    }
    return { redirectTo: safeRedirect(parsedInput.callbackUrl) };
  });
