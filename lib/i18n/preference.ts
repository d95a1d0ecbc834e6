/** Users' chosen languages, read and written on the server. */
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { isLanguage, type Language } from "@/lib/i18n/locales";

/** The language the user chose in their profile (or an admin chose for them), or null. */
export const preferredLanguage = cache(async (userId: string): Promise<Language | null> => {
  const user = await db.user.findUnique({ where: { id: userId }, select: { language: true } });
  return isLanguage(user?.language) ? user.language : null;
});

/** Saves (or, with null, forgets) a user's language. Callers check who may change whose. */
export async function setPreferredLanguage(userId: string, language: Language | null) {
  await db.user.update({ where: { id: userId }, data: { language } });
}
