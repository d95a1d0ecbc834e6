"use server";
import { AuthError } from "next-auth";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions";
import { signIn, TooManyAttempts } from "@/lib/auth";
import { loginSchema } from "@/lib/auth/login-schema";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { env } from "@/lib/env";
import { msg } from "@/lib/i18n/message";

export const loginAction = actionClient
  .metadata({ name: "auth.login" })
  .inputSchema(loginSchema)
  .action(async ({ parsedInput }) => {
    try {
      await signIn("credentials", { email: parsedInput.email, password: parsedInput.password, redirect: false });
    } catch (e) {
      if (e instanceof AuthError) {
        const throttled = e instanceof TooManyAttempts || (e as { code?: string }).code === "throttled";
        const seconds = (e as Partial<TooManyAttempts>).retryAfterSeconds ?? env().LOGIN_THROTTLE_WINDOW_MINUTES * 60;
        const message = throttled ? msg("auth.throttled", { minutes: Math.max(1, Math.ceil(seconds / 60)) }) : msg("auth.wrongCredentials");
        returnValidationErrors(loginSchema, { _errors: [message] });
      }
      throw e;
    }
    // Only a path on this site: the form cannot bounce a freshly signed-in user elsewhere.
    return { redirectTo: safeRedirectPath(parsedInput.callbackUrl) };
  });
