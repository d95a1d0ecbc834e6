"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { actionClient, authedAction } from "@/lib/actions";
import { LANGUAGE_COOKIE, LANGUAGES } from "@/lib/i18n/locales";
import { setPreferredLanguage } from "@/lib/i18n/preference";

const ONE_YEAR = 365 * 24 * 3600;

/** Before signing in: remember the language picked on the sign-in page in a cookie. */
export const chooseLanguageAction = actionClient
  .metadata({ name: "language.choose" })
  .inputSchema(z.object({ language: z.enum(LANGUAGES) }))
  .action(async ({ parsedInput }) => {
    (await cookies()).set(LANGUAGE_COOKIE, parsedInput.language, { maxAge: ONE_YEAR, sameSite: "lax", httpOnly: true, path: "/" });
    return { language: parsedInput.language };
  });

/** A signed-in user's own language ("" = follow the browser). */
export const updateMyLanguageAction = authedAction
  .metadata({ name: "profile.language" })
  .inputSchema(z.object({ language: z.union([z.enum(LANGUAGES), z.literal("")]) }))
  .action(async ({ parsedInput, ctx }) => {
    const language = parsedInput.language || null;
    await setPreferredLanguage(ctx.user.id, language);
    // The cookie follows, so the sign-in page speaks the same language after signing out.
    if (language) (await cookies()).set(LANGUAGE_COOKIE, language, { maxAge: ONE_YEAR, sameSite: "lax", httpOnly: true, path: "/" });
    return { language };
  });
