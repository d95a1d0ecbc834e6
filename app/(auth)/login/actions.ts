"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { signIn } from "@/lib/auth";
import { returnValidationErrors } from "next-safe-action";

const loginSchema = z.object({
  email: z.email("Enter your e-mail address.").max(254),
  password: z.string().min(1, "Enter your password.").max(500),
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
            ? "Too many failed attempts. Wait 15 minutes, or ask your admin to reset your password."
            : "That e-mail and password do not match. Check both and try again.";
        returnValidationErrors(loginSchema, { _errors: [message] });
      }
      throw e;
    }
    return { redirectTo: safeRedirect(parsedInput.callbackUrl) };
  });
