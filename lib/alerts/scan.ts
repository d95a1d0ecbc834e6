/**
 * The alert scan (every minute, one at a time across workers):
 * 1. find what is wrong now (detect.ts);
 * 2. keep the open conditions in AlertCondition — new ones open an episode, cleared ones close;
 * 3. for each open condition, each recipient who wants immediate mail gets one mail per episode:
 *    an AlertDelivery row is inserted first (unique per user and episode), then the mail is sent,
 *    so a mail goes out once even if two scans overlap; failed sends are retried a few times.
 */
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorSummary, logFor } from "@/lib/log";
import { mailConfigured, sendMail } from "@/lib/mail";
import { detectConditions } from "./detect";
import { isMailKind, type ConditionDetails, type FoundCondition, type MailKind } from "./kinds";
import { audience } from "./recipients";
import { renderAlert, type MailCondition } from "./render";

export const MAX_ATTEMPTS = 5;
/** A delivery still PENDING after this long was interrupted (a worker died mid-send): send again. */
const STALE_PENDING_MS = 10 * 60_000;

const log = () => logFor("alerts");

export function appUrl(): string {
  return env().APP_URL ?? "http://localhost:3000";
}

/**
 * Stores what was found: returns every open condition (with its episode's start). The scan finds
 * for every dealer; the bell for the reader's dealers only (`dealerIds`), so only theirs clear.
 */
export async function recordConditions(found: FoundCondition[], now = new Date(), dealerIds?: string[]) {
  for (const f of found) {
    const where = { dealerId_kind_subjectId: { dealerId: f.dealerId, kind: f.kind, subjectId: f.subjectId } };
    const details = f.details as unknown as Prisma.InputJsonValue;
    const upsert = () => db.alertCondition.upsert({ where, create: { dealerId: f.dealerId, kind: f.kind, subjectId: f.subjectId, openedAt: now, lastSeenAt: now, details }, update: { lastSeenAt: now, details } });
    try {
      await upsert();
    } catch (err) {
      // The scan and a reader's bell recorded the same new condition at once: it exists now.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
      await upsert();
    }
  }
  const scope = dealerIds ? { dealerId: { in: dealerIds } } : {};
  // Not seen in this look: the problem has cleared.
  const cleared = await db.alertCondition.deleteMany({ where: { lastSeenAt: { lt: now }, ...scope } });
  if (cleared.count) log().info({ cleared: cleared.count }, "alert conditions cleared");
  return db.alertCondition.findMany({ where: scope, include: { dealer: { select: { name: true, slug: true } } }, orderBy: { openedAt: "asc" } });
}

export type OpenCondition = Awaited<ReturnType<typeof recordConditions>>[number];

export const episodeKey = (c: Pick<OpenCondition, "kind" | "dealerId" | "subjectId" | "openedAt">) => `${c.kind}:${c.dealerId}:${c.subjectId}:${c.openedAt.getTime()}`;

export const asMailCondition = (c: OpenCondition & { kind: MailKind }): MailCondition => ({ kind: c.kind, openedAt: c.openedAt, details: c.details as unknown as ConditionDetails, dealer: c.dealer });

export interface ScanResult { open: number; sent: number; failed: number; skipped: "no-smtp" | null }

export async function runAlertScan(now = new Date()): Promise<ScanResult> {
  const open = await recordConditions(await detectConditions(), now);
  if (!mailConfigured()) return { open: open.length, sent: 0, failed: 0, skipped: "no-smtp" };
  let sent = 0;
  let failed = 0;
  for (const condition of open) {
    if (!isMailKind(condition.kind)) continue; // shown in the app only
    const key = episodeKey(condition);
    const recipients = (await audience(condition.dealerId, condition.kind)).filter((r) => r.frequency === "IMMEDIATE");
    if (recipients.length === 0) continue;
    const existing = new Map((await db.alertDelivery.findMany({ where: { key, userId: { in: recipients.map((r) => r.userId) } } })).map((d) => [d.userId, d]));
    for (const recipient of recipients) {
      const previous = existing.get(recipient.userId);
      let deliveryId: string;
      if (!previous) {
        try {
          deliveryId = (await db.alertDelivery.create({ data: { userId: recipient.userId, key, dealerId: condition.dealerId, kind: condition.kind } })).id;
        } catch (err) {
          if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue; // another scan took it
          throw err;
        }
      } else {
        const retry = (previous.status === "FAILED" && previous.attempts < MAX_ATTEMPTS) || (previous.status === "PENDING" && now.getTime() - previous.createdAt.getTime() > STALE_PENDING_MS);
        if (!retry) continue;
        deliveryId = previous.id;
      }
      const ok = await deliver(deliveryId, await renderAlert(recipient, asMailCondition({ ...condition, kind: condition.kind }), appUrl()), { kind: condition.kind, dealerId: condition.dealerId });
      if (ok) sent += 1;
      else failed += 1;
    }
  }
  return { open: open.length, sent, failed, skipped: null };
}

/** Sends one recorded mail and records the outcome. */
export async function deliver(deliveryId: string, mail: Parameters<typeof sendMail>[0], context: Record<string, unknown>): Promise<boolean> {
  try {
    await sendMail(mail);
    await db.alertDelivery.update({ where: { id: deliveryId }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    log().info({ ...context, deliveryId }, "alert mail sent");
    return true;
  } catch (err) {
    const error = errorSummary(err);
    await db.alertDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED", attempts: { increment: 1 }, lastError: error.message } });
    log().warn({ ...context, deliveryId, error }, "alert mail failed; the next scan tries again");
    return false;
  }
}
