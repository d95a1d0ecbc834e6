/**
 * Platform administration: dealers, users, memberships. Each function checks that the actor is a
 * platform admin itself (not only the action chain), and writes an AuditEvent in the same
 * transaction as the change.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/sessions";
import { clearAccountThrottle } from "@/lib/auth/throttle";
import type { SessionUser } from "@/lib/auth/session";
import { ActionError, FieldConflict, NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { Prisma } from "@/lib/generated/prisma/client";
import type { createUserSchema, dealerSchema, membershipSchema, removeMembershipSchema, resetPasswordSchema, updateDealerSchema, userLanguageSchema, userRefSchema } from "@/lib/admin/schemas";

/** A fieldless "not found" for anyone who is not a platform admin. */
function assertPlatformAdmin(actor: SessionUser) {
  if (!actor.isPlatformAdmin) throw new NotFoundError();
}


const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

async function assertParentAllowed(parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw new FieldConflict("parentId", msg("admin.errors.ownParent"));
  const parent = await db.dealer.findUnique({ where: { id: parentId }, select: { id: true, parentId: true } });
  if (!parent) throw new FieldConflict("parentId", msg("admin.errors.noParent"));
  // Walk up from the parent: meeting selfId would make a cycle.
  let cursor: string | null = parent.parentId;
  for (let depth = 0; cursor && depth < 50; depth++) {
    if (cursor === selfId) throw new FieldConflict("parentId", msg("admin.errors.loop"));
    cursor = (await db.dealer.findUnique({ where: { id: cursor }, select: { parentId: true } }))?.parentId ?? null;
  }
}

export async function createDealer(actor: SessionUser, input: z.output<typeof dealerSchema>) {
  assertPlatformAdmin(actor);
  await assertParentAllowed(input.parentId);
  try {
    return await db.$transaction(async (tx) => {
      const dealer = await tx.dealer.create({ data: { name: input.name, slug: input.slug, country: input.country, parentId: input.parentId ?? null, language: input.language ?? null } });
      await recordAudit({ actorId: actor.id, dealerId: dealer.id, action: "dealer.created", targetType: "Dealer", targetId: dealer.id, data: { name: dealer.name, slug: dealer.slug, country: dealer.country, parentId: dealer.parentId, language: dealer.language } }, tx);
      return dealer;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new FieldConflict("slug", msg("admin.errors.slugTaken"));
    throw e;
  }
}

export async function updateDealer(actor: SessionUser, input: z.output<typeof updateDealerSchema>) {
  assertPlatformAdmin(actor);
  const before = await db.dealer.findUnique({ where: { id: input.id } });
  if (!before) throw new NotFoundError();
  await assertParentAllowed(input.parentId, input.id);
  try {
    return await db.$transaction(async (tx) => {
      const dealer = await tx.dealer.update({ where: { id: input.id }, data: { name: input.name, slug: input.slug, country: input.country, parentId: input.parentId ?? null, ...(input.language !== undefined ? { language: input.language } : {}) } });
      const changes = Object.fromEntries(
        (["name", "slug", "country", "parentId", "language"] as const).filter((k) => before[k] !== dealer[k]).map((k) => [k, { from: before[k], to: dealer[k] }]),
      );
      await recordAudit({ actorId: actor.id, dealerId: dealer.id, action: "dealer.updated", targetType: "Dealer", targetId: dealer.id, data: changes }, tx);
      return dealer;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new FieldConflict("slug", msg("admin.errors.slugTaken"));
    throw e;
  }
}

export async function createUser(actor: SessionUser, input: z.output<typeof createUserSchema>) {
  assertPlatformAdmin(actor);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, isPlatformAdmin: input.isPlatformAdmin, language: input.language ?? null },
        select: { id: true, email: true, name: true },
      });
      await recordAudit({ actorId: actor.id, action: "user.created", targetType: "User", targetId: user.id, data: { email: user.email, name: user.name, isPlatformAdmin: input.isPlatformAdmin, language: input.language ?? null } }, tx);
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new FieldConflict("email", msg("admin.errors.emailTaken"));
    throw e;
  }
}

/** Sets a new password and signs the user out everywhere. */
export async function resetPassword(actor: SessionUser, input: z.output<typeof resetPasswordSchema>) {
  assertPlatformAdmin(actor);
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user) throw new NotFoundError();
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const sessions = await endAllSessions(user.id, tx);
    await recordAudit({ actorId: actor.id, action: "user.password_reset", targetType: "User", targetId: user.id, data: { email: user.email, sessionsEnded: sessions } }, tx);
  });
  await clearAccountThrottle(user.email);
}

/** Ends every session of a user (a lost phone, a shared computer): they sign in again everywhere. */
export async function signOutUserEverywhere(actor: SessionUser, input: z.output<typeof userRefSchema>) {
  assertPlatformAdmin(actor);
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    const sessions = await endAllSessions(user.id, tx);
    await recordAudit({ actorId: actor.id, action: "user.signed_out_everywhere", targetType: "User", targetId: user.id, data: { email: user.email, sessionsEnded: sessions } }, tx);
  });
}

/**
 * Deletes a user: their memberships and sessions go with them (every session ends at once); the
 * audit trail keeps what they did, without the link. Not oneself, and never the last platform admin.
 */
export async function deleteUser(actor: SessionUser, input: z.output<typeof userRefSchema>) {
  assertPlatformAdmin(actor);
  if (input.userId === actor.id) throw new ActionError(msg("userAdmin.cannotDeleteSelf"));
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, name: true, isPlatformAdmin: true, memberships: { select: { dealerId: true, role: true } } } });
    if (!user) throw new NotFoundError();
    if (user.isPlatformAdmin && (await tx.user.count({ where: { isPlatformAdmin: true } })) <= 1) {
      throw new ActionError(msg("userAdmin.lastPlatformAdmin"));
    }
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit({ actorId: actor.id, action: "user.deleted", targetType: "User", targetId: user.id, data: { email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin, memberships: user.memberships } }, tx);
  });
}

export async function setMembership(actor: SessionUser, input: z.output<typeof membershipSchema>) {
  assertPlatformAdmin(actor);
  const [dealer, user] = await Promise.all([
    db.dealer.findUnique({ where: { id: input.dealerId }, select: { id: true, language: true } }),
    db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, language: true, _count: { select: { memberships: true } } } }),
  ]);
  if (!dealer) throw new FieldConflict("dealerId", msg("admin.errors.noDealer"));
  if (!user) throw new FieldConflict("userId", msg("admin.errors.noUser"));
  await db.$transaction(async (tx) => {
    const before = await tx.membership.findUnique({ where: { dealerId_userId: { dealerId: dealer.id, userId: user.id } } });
    await tx.membership.upsert({
      where: { dealerId_userId: { dealerId: dealer.id, userId: user.id } },
      create: { dealerId: dealer.id, userId: user.id, role: input.role },
      update: { role: input.role },
    });
    // A new user of a dealer reads Forecourt in the dealer's language until someone chooses another.
    if (!before && user.language === null && user._count.memberships === 0 && dealer.language) {
      await tx.user.update({ where: { id: user.id }, data: { language: dealer.language } });
    }
    await recordAudit({
      actorId: actor.id, dealerId: dealer.id,
      action: before ? "membership.role_changed" : "membership.added",
      targetType: "Membership", targetId: user.id,
      data: before ? { email: user.email, from: before.role, to: input.role } : { email: user.email, role: input.role },
    }, tx);
  });
}

export async function removeMembership(actor: SessionUser, input: z.output<typeof removeMembershipSchema>) {
  assertPlatformAdmin(actor);
  await db.$transaction(async (tx) => {
    const before = await tx.membership.findUnique({ where: { dealerId_userId: input }, include: { user: { select: { email: true } } } });
    if (!before) throw new NotFoundError();
    await tx.membership.delete({ where: { dealerId_userId: input } });
    // Whatever they had open (this dealer's pages, a half-filled form) ends now.
    const sessions = await endAllSessions(input.userId, tx);
    await recordAudit({ actorId: actor.id, dealerId: input.dealerId, action: "membership.removed", targetType: "Membership", targetId: input.userId, data: { email: before.user.email, role: before.role, sessionsEnded: sessions } }, tx);
  });
}

/** A platform admin sets (or, with null, clears) a user's language. */
export async function setUserLanguage(actor: SessionUser, input: z.output<typeof userLanguageSchema>) {
  assertPlatformAdmin(actor);
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, language: true } });
  if (!user) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { language: input.language } });
    await recordAudit({ actorId: actor.id, action: "user.language_changed", targetType: "User", targetId: user.id, data: { email: user.email, from: user.language, to: input.language } }, tx);
  });
}
