"use server";
import { AuthError } from "next-auth";
import { returnValidationErrors } from "next-safe-action";
import { actionClient } from "@/lib/actions";
import { signIn, TooManyAttempts } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { loginSchema, throttledMessage, WRONG_CREDENTIALS } from "@/lib/auth/messages";

export const loginAction = actionClient
  .metadata({ name: "auth.login" })
  .inputSchema(loginSchema)
  .action(async ({ parsedInput }) => {
    try {
      await signIn("credentials", { email: parsedInput.email, password: parsedInput.password, redirect: false });
    } catch (e) {
      if (e instanceof AuthError) {
        const message = e instanceof TooManyAttempts || (e as { code?: string }).code === "throttled"
          ? throttledMessage((e as Partial<TooManyAttempts>).retryAfterSeconds)
          : WRONG_CREDENTIALS;
        returnValidationErrors(loginSchema, { _errors: [message] });
      }
      throw e;
    }
    // Only a path on this site: the form cannot bounce a freshly signed-in user elsewhere.
    return { redirectTo: safeRedirectPath(parsedInput.callbackUrl) };
  });
