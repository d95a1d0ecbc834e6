/** A user's alert e-mail choices, read and saved on the server for that user only. */
import { z } from "zod";
import { db } from "@/lib/db";
import type { AlertFrequency } from "@/lib/generated/prisma/enums";
import { ALERT_KINDS, type MailKind } from "./kinds";

export const FREQUENCIES = ["IMMEDIATE", "DAILY", "OFF"] as const satisfies readonly AlertFrequency[];

export const alertPreferenceSchema = z.object({
  frequency: z.enum(FREQUENCIES),
  /** The kinds the user wants (the rest are muted). */
  kinds: z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length),
});
export type AlertPreferenceInput = z.infer<typeof alertPreferenceSchema>;

export interface AlertPreferenceView { frequency: AlertFrequency; kinds: MailKind[] }

export async function alertPreferenceOf(userId: string): Promise<AlertPreferenceView> {
  const p = await db.alertPreference.findUnique({ where: { userId } });
  return { frequency: p?.frequency ?? "IMMEDIATE", kinds: ALERT_KINDS.filter((k) => !p?.mutedKinds.includes(k)) };
}

/** Saves the signed-in user's own choices (the caller passes the session's user id, never input). */
export async function saveAlertPreference(userId: string, input: AlertPreferenceInput): Promise<AlertPreferenceView> {
  const mutedKinds = ALERT_KINDS.filter((k) => !input.kinds.includes(k));
  await db.alertPreference.upsert({ where: { userId }, create: { userId, frequency: input.frequency, mutedKinds }, update: { frequency: input.frequency, mutedKinds } });
  return alertPreferenceOf(userId);
}
