/** The audit trail: who did what to dealers, users, memberships, tokens and listings. */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export interface AuditInput {
  actorId: string | null;
  dealerId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** What changed. Never a password, token or other secret. */
  data?: Prisma.InputJsonValue;
}

export async function recordAudit(event: AuditInput, tx: Prisma.TransactionClient = db) {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      dealerId: event.dealerId ?? null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      data: event.data ?? {},
    },
  });
}
