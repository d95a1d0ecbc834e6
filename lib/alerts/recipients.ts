/**
 * Who hears of an alert: the dealer's members whose role may act on it (the permission matrix),
 * plus platform admins for what only an admin can resolve — each filtered by their own choices.
 * Mails go out in the user's language, else the dealer's, else the one its country suggests.
 */
import { PERMISSIONS } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { AlertFrequency, AlertKind, Role } from "@/lib/generated/prisma/enums";
import { DEFAULT_LANGUAGE, DEFAULT_LANGUAGE_BY_COUNTRY, isLanguage, type Language } from "@/lib/i18n/locales";
import { ALERT_AUDIENCE } from "./kinds";

export interface Recipient {
  userId: string;
  email: string;
  name: string;
  language: Language;
  frequency: AlertFrequency;
  mutedKinds: AlertKind[];
}

interface DealerLanguage { language: string | null; country: "BE" | "SE" }

export function languageFor(user: { language: string | null }, dealer: DealerLanguage | null): Language {
  if (isLanguage(user.language)) return user.language;
  if (dealer && isLanguage(dealer.language)) return dealer.language;
  return dealer ? DEFAULT_LANGUAGE_BY_COUNTRY[dealer.country] : DEFAULT_LANGUAGE;
}

const userSelect = { id: true, email: true, name: true, language: true, alertPreference: { select: { frequency: true, mutedKinds: true } } } as const;

type UserRow = { id: string; email: string; name: string; language: string | null; alertPreference: { frequency: AlertFrequency; mutedKinds: AlertKind[] } | null };

const toRecipient = (u: UserRow, dealer: DealerLanguage | null): Recipient => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  language: languageFor(u, dealer),
  // No choice made yet: immediate mails for everything the user may act on.
  frequency: u.alertPreference?.frequency ?? "IMMEDIATE",
  mutedKinds: u.alertPreference?.mutedKinds ?? [],
});

/** Everyone who may act on `kind` at this dealer (whatever their frequency; callers filter). */
export async function audience(dealerId: string, kind: AlertKind): Promise<Recipient[]> {
  const rule = ALERT_AUDIENCE[kind];
  const roles = PERMISSIONS[rule.permission] as readonly Role[];
  const dealer = await db.dealer.findUnique({ where: { id: dealerId }, select: { language: true, country: true } });
  const members = await db.membership.findMany({ where: { dealerId, role: { in: [...roles] } }, select: { user: { select: userSelect } } });
  const byId = new Map<string, Recipient>(members.map((m) => [m.user.id, toRecipient(m.user, dealer)]));
  if (rule.platformAdmins) {
    for (const admin of await db.user.findMany({ where: { isPlatformAdmin: true }, select: userSelect })) {
      if (!byId.has(admin.id)) byId.set(admin.id, toRecipient(admin, dealer));
    }
  }
  return [...byId.values()].filter((r) => !r.mutedKinds.includes(kind));
}
