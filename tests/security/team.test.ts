/**
 * Dealer admins manage their own team (issue #11, "Also"): staff and viewers of their own dealer
 * only — never admins, platform admins, themselves or another dealer's people; audited; removal
 * and password resets end the member's sessions.
 */
import { beforeAll, describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction, resetMemberPasswordAction } from "@/app/(dashboard)/d/[dealer]/settings/team/actions";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { liveSessionUser, startSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { parseMessage } from "@/lib/i18n/message";

let agId: string;
let bhId: string;
let n = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++n}@team.test`;
const fieldKey = (errors: unknown, field: string) => {
  const message = (errors as Record<string, { _errors?: string[] }> | undefined)?.[field]?._errors?.[0];
  return message ? parseMessage(message)?.key ?? message : undefined;
};

async function member(dealerId: string, role: "ADMIN" | "STAFF" | "VIEWER", extra: { platformAdmin?: boolean; alsoAt?: string } = {}) {
  const user = await db.user.create({ data: { email: unique(role.toLowerCase()), name: `Member ${n}`, passwordHash: await hashPassword("member-password-1"), isPlatformAdmin: extra.platformAdmin ?? false } });
  await db.membership.create({ data: { dealerId, userId: user.id, role } });
  if (extra.alsoAt) await db.membership.create({ data: { dealerId: extra.alsoAt, userId: user.id, role: "STAFF" } });
  return user;
}

/** Everything about these people that a team action could change (other test files run alongside). */
const snapshot = async (userIds: string[]) => JSON.stringify(await Promise.all([
  db.user.findMany({ where: { id: { in: userIds } }, orderBy: { id: "asc" }, select: { id: true, passwordHash: true } }),
  db.membership.findMany({ where: { userId: { in: userIds } }, orderBy: [{ dealerId: "asc" }, { userId: "asc" }] }),
  db.userSession.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
]));

beforeAll(async () => {
  agId = (await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } })).id;
  bhId = (await db.dealer.findUniqueOrThrow({ where: { slug: "bilhuset" } })).id;
});

describe("a dealer admin's team", () => {
  test("invites staff and viewers, who can then sign in; audited for the dealer", async () => {
    const owner = await signInAs("owner@autogent.test");
    const email = unique("invited");
    const result = await inviteMemberAction({ dealer: "auto-gent", name: "Nina New", email: email.toUpperCase(), password: "first-password-1", role: "VIEWER" });
    expect(result.data?.id).toBeTruthy();
    expect(await db.membership.findUniqueOrThrow({ where: { dealerId_userId: { dealerId: agId, userId: result.data!.id } } })).toMatchObject({ role: "VIEWER" });
    expect((await authenticate(email, "first-password-1", "192.0.2.200")).ok).toBe(true);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "membership.invited", targetId: result.data!.id } })).toMatchObject({ dealerId: agId, actorId: owner!.id });
  });

  test("cannot invite an admin, or attach an e-mail that already has an account; nothing changes", async () => {
    await signInAs("owner@autogent.test");
    const sven = await db.user.findUniqueOrThrow({ where: { email: "staff@bilhuset.test" } });
    const before = await snapshot([sven.id]);
    const eve = unique("eve");
    const admin = await inviteMemberAction({ dealer: "auto-gent", name: "Eve", email: eve, password: "first-password-1", role: "ADMIN" as "STAFF" });
    expect(fieldKey(admin.validationErrors, "role")).toBe("team.chooseRole");
    const taken = await inviteMemberAction({ dealer: "auto-gent", name: "Sven", email: "staff@bilhuset.test", password: "first-password-1", role: "STAFF" });
    expect(fieldKey(taken.validationErrors, "email")).toBe("team.emailTaken");
    expect(await snapshot([sven.id])).toBe(before);
    expect(await db.user.count({ where: { email: eve } })).toBe(0);
  });

  test("changes a member's role between staff and viewer, audited", async () => {
    await signInAs("owner@autogent.test");
    const staff = await member(agId, "STAFF");
    expect((await changeMemberRoleAction({ dealer: "auto-gent", userId: staff.id, role: "VIEWER" })).data).toEqual({ ok: true });
    expect((await db.membership.findUniqueOrThrow({ where: { dealerId_userId: { dealerId: agId, userId: staff.id } } })).role).toBe("VIEWER");
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "membership.role_changed", targetId: staff.id } })).toMatchObject({ dealerId: agId, data: { from: "STAFF", to: "VIEWER" } });
  });

  test("removes a member: the membership goes and every session of theirs ends at once", async () => {
    await signInAs("owner@autogent.test");
    const staff = await member(agId, "STAFF");
    const { secret } = await startSession(staff.id);
    expect(await liveSessionUser(secret)).toBe(staff.id);
    expect((await removeMemberAction({ dealer: "auto-gent", userId: staff.id })).data).toEqual({ ok: true });
    expect(await db.membership.count({ where: { userId: staff.id } })).toBe(0);
    expect(await liveSessionUser(secret)).toBeNull();
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "membership.removed", targetId: staff.id } })).toMatchObject({ dealerId: agId, data: { sessionsEnded: 1 } });
  });

  test("resets a member's password and signs them out, but not for someone who also works elsewhere", async () => {
    await signInAs("owner@autogent.test");
    const staff = await member(agId, "STAFF");
    const { secret } = await startSession(staff.id);
    expect((await resetMemberPasswordAction({ dealer: "auto-gent", userId: staff.id, password: "reset-by-owner-1" })).data).toEqual({ ok: true });
    expect(await liveSessionUser(secret)).toBeNull();
    expect((await authenticate(staff.email, "reset-by-owner-1", "192.0.2.201")).ok).toBe(true);

    const shared = await member(agId, "STAFF", { alsoAt: bhId });
    await startSession(shared.id);
    const before = await snapshot([shared.id]);
    const refused = await resetMemberPasswordAction({ dealer: "auto-gent", userId: shared.id, password: "taken-over-pw-1" });
    expect(refused.serverError).toBe("This person also works for another dealer. Ask a platform admin to reset their password.");
    expect(await snapshot([shared.id])).toBe(before);
  });

  test("never touches admins, platform admins, oneself or another dealer's people", async () => {
    const owner = await signInAs("owner@autogent.test");
    const otherAdmin = await member(agId, "ADMIN");
    const platformAdmin = await member(agId, "STAFF", { platformAdmin: true });
    const elsewhere = await db.user.findUniqueOrThrow({ where: { email: "staff@bilhuset.test" } });
    const ids = [otherAdmin.id, platformAdmin.id, owner!.id, elsewhere.id];
    const before = await snapshot(ids);
    for (const userId of [otherAdmin.id, platformAdmin.id, owner!.id, elsewhere.id]) {
      const results = [
        await changeMemberRoleAction({ dealer: "auto-gent", userId, role: "VIEWER" }),
        await removeMemberAction({ dealer: "auto-gent", userId }),
        await resetMemberPasswordAction({ dealer: "auto-gent", userId, password: "taken-over-pw-1" }),
      ];
      for (const r of results) expect(r.serverError, userId).toBeTruthy();
      if (userId === elsewhere.id) for (const r of results) expect(r.serverError).toBe("Not found.");
    }
    expect(await snapshot(ids)).toBe(before);
  });

  test.each(["staff@autogent.test", "viewer@autogent.test", "staff@bilhuset.test"])("%s cannot manage Auto Gent's team at all", async (email) => {
    await signInAs(email);
    const staff = await member(agId, "STAFF");
    const before = await snapshot([staff.id]);
    const results = [
      await inviteMemberAction({ dealer: "auto-gent", name: "X", email: unique("x"), password: "first-password-1", role: "STAFF" }),
      await changeMemberRoleAction({ dealer: "auto-gent", userId: staff.id, role: "VIEWER" }),
      await removeMemberAction({ dealer: "auto-gent", userId: staff.id }),
      await resetMemberPasswordAction({ dealer: "auto-gent", userId: staff.id, password: "taken-over-pw-1" }),
    ];
    for (const r of results) expect(r.serverError).toBe("Not found.");
    expect(await snapshot([staff.id])).toBe(before);
  });

  test("a platform admin manages any dealer's team like its admin", async () => {
    await signInAs("admin@forecourt.test");
    const staff = await member(bhId, "STAFF");
    expect((await changeMemberRoleAction({ dealer: "bilhuset", userId: staff.id, role: "VIEWER" })).data).toEqual({ ok: true });
  });
});
