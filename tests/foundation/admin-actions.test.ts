import { describe, expect, test } from "vitest";
import "./session";
import { signInAs } from "./session";
import { createDealerAction, createUserAction, removeMembershipAction, resetPasswordAction, setMembershipAction, updateDealerAction } from "@/app/admin/actions";
import { setListingStatusAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { authenticate } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/translator";

const counts = async () => ({ dealers: await db.dealer.count(), users: await db.user.count(), memberships: await db.membership.count(), audit: await db.auditEvent.count() });
const fieldError = (errors: unknown, field: string) => (errors as Record<string, { _errors?: string[] }> | undefined)?.[field]?._errors?.[0];

describe("platform admin: the happy path", () => {
  test("creates a dealer and a user, gives a role, resets the password — each audited", async () => {
    const admin = await signInAs("admin@forecourt.test");
    const dealer = await createDealerAction({ name: "Garage Brugge", slug: "garage-brugge", country: "BE", parentId: "" });
    expect(dealer.data?.slug).toBe("garage-brugge");
    const user = await createUserAction({ email: "Jan@Brugge.test", name: "Jan", password: "first-password-1", isPlatformAdmin: false });
    expect(user.data?.id).toBeTruthy();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.data!.id } })).email).toBe("jan@brugge.test");
    expect((await setMembershipAction({ dealerId: dealer.data!.id, userId: user.data!.id, role: "STAFF" })).data).toEqual({ ok: true });
    expect((await setMembershipAction({ dealerId: dealer.data!.id, userId: user.data!.id, role: "VIEWER" })).data).toEqual({ ok: true });
    expect((await resetPasswordAction({ userId: user.data!.id, password: "second-password-2" })).data).toEqual({ ok: true });
    expect((await authenticate("jan@brugge.test", "second-password-2", null)).ok).toBe(true);
    expect((await authenticate("jan@brugge.test", "first-password-1", null)).ok).toBe(false);

    const events = await db.auditEvent.findMany({ where: { actorId: admin!.id, OR: [{ dealerId: dealer.data!.id }, { targetId: user.data!.id }] }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["dealer.created", "user.created", "membership.added", "membership.role_changed", "user.password_reset"]);
    expect(JSON.stringify(events)).not.toContain("password-");

    expect((await removeMembershipAction({ dealerId: dealer.data!.id, userId: user.data!.id })).data).toEqual({ ok: true });
    expect(await db.membership.count({ where: { userId: user.data!.id } })).toBe(0);
  });

  test("a dealer can join a group, but never its own descendant", async () => {
    await signInAs("admin@forecourt.test");
    const parent = await createDealerAction({ name: "Groep Noord", slug: "groep-noord", country: "BE" });
    const child = await createDealerAction({ name: "Noord Kortrijk", slug: "noord-kortrijk", country: "BE", parentId: parent.data!.id });
    expect(child.data).toBeTruthy();
    const loop = await updateDealerAction({ id: parent.data!.id, name: "Groep Noord", slug: "groep-noord", country: "BE", parentId: child.data!.id });
    expect((await translatorFor("en")).text(fieldError(loop.validationErrors, "parentId"))).toMatch(/loop/);
    expect((await db.dealer.findUniqueOrThrow({ where: { id: parent.data!.id } })).parentId).toBeNull();
  });
});

describe("bad input: a field-level message and nothing changed", () => {
  test.each([
    ["empty name", { name: "", slug: "ok-slug", country: "BE" }, "name"],
    ["slug with spaces", { name: "Ok", slug: "Not A Slug", country: "BE" }, "slug"],
    ["unknown country", { name: "Ok", slug: "ok-slug", country: "FR" }, "country"],
    ["taken slug", { name: "Copy", slug: "auto-gent", country: "BE" }, "slug"],
    ["missing parent", { name: "Ok", slug: "ok-slug-2", country: "BE", parentId: "nope" }, "parentId"],
  ])("create dealer: %s", async (_label, input, field) => {
    await signInAs("admin@forecourt.test");
    const before = await counts();
    const result = await createDealerAction(input as never);
    expect(fieldError(result.validationErrors, field)).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  test.each([
    ["bad e-mail", { email: "not-an-email", name: "X", password: "long-enough-1" }, "email"],
    ["short password", { email: "short@pw.test", name: "X", password: "short" }, "password"],
    ["empty name", { email: "noname@pw.test", name: " ", password: "long-enough-1" }, "name"],
    ["taken e-mail", { email: "staff@autogent.test", name: "Dup", password: "long-enough-1" }, "email"],
  ])("create user: %s", async (_label, input, field) => {
    await signInAs("admin@forecourt.test");
    const before = await counts();
    const result = await createUserAction(input as never);
    expect(fieldError(result.validationErrors, field)).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  test("membership with an unknown role or user", async () => {
    await signInAs("admin@forecourt.test");
    const gent = await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@autogent.test" } });
    const before = await counts();
    expect(fieldError((await setMembershipAction({ dealerId: gent.id, userId: staff.id, role: "OWNER" } as never)).validationErrors, "role")).toBeTruthy();
    expect(fieldError((await setMembershipAction({ dealerId: gent.id, userId: "missing", role: "STAFF" })).validationErrors, "userId")).toBeTruthy();
    expect(await counts()).toEqual(before);
    expect((await db.membership.findUniqueOrThrow({ where: { dealerId_userId: { dealerId: gent.id, userId: staff.id } } })).role).toBe("STAFF");
  });

  test("password reset that is too short, and a listing status that does not exist", async () => {
    await signInAs("admin@forecourt.test");
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@autogent.test" } });
    expect(fieldError((await resetPasswordAction({ userId: staff.id, password: "123" })).validationErrors, "password")).toBeTruthy();
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).passwordHash).toBe(staff.passwordHash);
    const car = await db.listing.findFirstOrThrow({ where: { reference: "AG-1004" } });
    expect(fieldError((await setListingStatusAction({ dealer: "auto-gent", listingId: car.id, status: "deleted" } as never)).validationErrors, "status")).toBeTruthy();
    expect((await db.listing.findUniqueOrThrow({ where: { id: car.id } })).status).toBe(car.status);
  });

  test("input that is not even an object is refused without a crash", async () => {
    await signInAs("admin@forecourt.test");
    const result = await createDealerAction("garbage" as never);
    expect(result.validationErrors).toBeTruthy();
    expect(result.serverError).toBeUndefined();
  });
});
