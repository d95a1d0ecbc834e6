/**
 * A dealer admin manages their own team: invites (creates) staff and viewers, changes their role
 * between the two, removes them, and resets their passwords. Within their own dealer only:
 *
 * - never a platform admin, another ADMIN, or themselves (ADMIN is granted by platform admins);
 * - a person who is not a member of this dealer is "not found";
 * - a password belongs to the person, not the dealer: it is reset here only when this dealer is
 *   their only one (otherwise one dealer could take over someone's access to another);
 * - an e-mail that already has an account is not attached from here (a platform admin does it).
 *
 * Each function checks the permission itself and audits in the same transaction as the change.
 * Removing someone, or resetting their password, ends every session of theirs at once.
 */
import type { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/sessions";
import { clearAccountThrottle } from "@/lib/auth/throttle";
import type { SessionUser } from "@/lib/auth/session";
import { ActionError, FieldConflict, NotFoundError } from "@/lib/errors";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { msg } from "@/lib/i18n/message";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import type { changeRoleSchema, inviteMemberSchema, memberRefSchema, resetMemberPasswordSchema } from "@/lib/team/schemas";

function assertManage(access: DealerAccess) {
  if (!can(access.role, "team.manage")) throw new NotFoundError();
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  isPlatformAdmin: boolean;
  /** This admin may change, remove and (if `canResetPassword`) reset this member. */
  manageable: boolean;
  canResetPassword: boolean;
  self: boolean;
}

export async function listTeam(actor: SessionUser, access: DealerAccess): Promise<TeamMember[]> {
  assertManage(access);
  const rows = await db.membership.findMany({
    where: { dealerId: access.dealer.id },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true, email: true, isPlatformAdmin: true, _count: { select: { memberships: true } } } } },
  });
  return rows.map(({ role, user }) => {
    const manageable = role !== "ADMIN" && !user.isPlatformAdmin && user.id !== actor.id;
    return { id: user.id, name: user.name, email: user.email, role, isPlatformAdmin: user.isPlatformAdmin, self: user.id === actor.id, manageable, canResetPassword: manageable && user._count.memberships === 1 };
  });
}

/** The member this admin may act on, or "not found" (outside the dealer) / a refusal (an admin, oneself). */
async function manageableMember(tx: Prisma.TransactionClient, actor: SessionUser, access: DealerAccess, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { dealerId_userId: { dealerId: access.dealer.id, userId } },
    select: { role: true, user: { select: { id: true, email: true, name: true, isPlatformAdmin: true, _count: { select: { memberships: true } } } } },
  });
  if (!membership) throw new NotFoundError();
  if (membership.user.id === actor.id) throw new ActionError(msg("team.notYourself"));
  if (membership.role === "ADMIN" || membership.user.isPlatformAdmin) throw new ActionError(msg("team.adminsByPlatform"));
  return membership;
}

export async function inviteMember(actor: SessionUser, access: DealerAccess, input: z.output<typeof inviteMemberSchema>) {
  assertManage(access);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true, email: true } });
      await tx.membership.create({ data: { dealerId: access.dealer.id, userId: user.id, role: input.role } });
      await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "membership.invited", targetType: "Membership", targetId: user.id, data: { email: user.email, name: input.name, role: input.role } }, tx);
      return user;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new FieldConflict("email", msg("team.emailTaken"));
    throw e;
  }
}

export async function changeMemberRole(actor: SessionUser, access: DealerAccess, input: z.output<typeof changeRoleSchema>) {
  assertManage(access);
  await db.$transaction(async (tx) => {
    const member = await manageableMember(tx, actor, access, input.userId);
    if (member.role === input.role) return;
    await tx.membership.update({ where: { dealerId_userId: { dealerId: access.dealer.id, userId: input.userId } }, data: { role: input.role } });
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "membership.role_changed", targetType: "Membership", targetId: input.userId, data: { email: member.user.email, from: member.role, to: input.role } }, tx);
  });
}

export async function removeMember(actor: SessionUser, access: DealerAccess, input: z.output<typeof memberRefSchema>) {
  assertManage(access);
  await db.$transaction(async (tx) => {
    const member = await manageableMember(tx, actor, access, input.userId);
    await tx.membership.delete({ where: { dealerId_userId: { dealerId: access.dealer.id, userId: input.userId } } });
    const sessions = await endAllSessions(input.userId, tx);
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "membership.removed", targetType: "Membership", targetId: input.userId, data: { email: member.user.email, role: member.role, sessionsEnded: sessions } }, tx);
  });
}

export async function resetMemberPassword(actor: SessionUser, access: DealerAccess, input: z.output<typeof resetMemberPasswordSchema>) {
  assertManage(access);
  const passwordHash = await hashPassword(input.password);
  const email = await db.$transaction(async (tx) => {
    const member = await manageableMember(tx, actor, access, input.userId);
    if (member.user._count.memberships > 1) throw new ActionError(msg("team.resetElsewhere"));
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash } });
    const sessions = await endAllSessions(input.userId, tx);
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "user.password_reset", targetType: "User", targetId: input.userId, data: { email: member.user.email, sessionsEnded: sessions } }, tx);
    return member.user.email;
  });
  await clearAccountThrottle(email);
}
