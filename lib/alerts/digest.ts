/**
 * The daily digest: for each user who chose it, one mail listing every open problem they may act
 * on (none open: no mail). One per user per day (AlertDelivery key "digest:YYYY-MM-DD").
 */
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { mailConfigured } from "@/lib/mail";
import { ALERT_KINDS, type MailKind } from "./kinds";
import { audience } from "./recipients";
import { renderDigest } from "./render";
import { appUrl, asMailCondition, deliver, MAX_ATTEMPTS } from "./scan";

export interface DigestResult { recipients: number; sent: number; failed: number }

export async function runDailyDigest(now = new Date()): Promise<DigestResult> {
  const result: DigestResult = { recipients: 0, sent: 0, failed: 0 };
  if (!mailConfigured()) return result;
  const key = `digest:${now.toISOString().slice(0, 10)}`;
  const open = await db.alertCondition.findMany({ where: { kind: { in: [...ALERT_KINDS] } }, include: { dealer: { select: { name: true, slug: true } } }, orderBy: [{ dealerId: "asc" }, { openedAt: "asc" }] });

  // Per user: the conditions they may act on and did not mute, with their language for that dealer.
  const perUser = new Map<string, { recipient: Awaited<ReturnType<typeof audience>>[number]; conditions: typeof open }>();
  for (const condition of open) {
    for (const r of await audience(condition.dealerId, condition.kind)) {
      if (r.frequency !== "DAILY") continue;
      const entry = perUser.get(r.userId) ?? { recipient: r, conditions: [] };
      entry.conditions.push(condition);
      perUser.set(r.userId, entry);
    }
  }

  for (const [userId, { recipient, conditions }] of perUser) {
    result.recipients += 1;
    let delivery = await db.alertDelivery.findUnique({ where: { userId_key: { userId, key } } });
    if (!delivery) {
      try {
        delivery = await db.alertDelivery.create({ data: { userId, key } });
      } catch (err) {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue;
        throw err;
      }
    } else if (delivery.status === "SENT" || delivery.attempts >= MAX_ATTEMPTS) {
      continue;
    }
    const ok = await deliver(delivery.id, await renderDigest(recipient, conditions.map((c) => asMailCondition(c as typeof c & { kind: MailKind })), appUrl()), { digest: key });
    if (ok) result.sent += 1;
    else result.failed += 1;
  }
  return result;
}
