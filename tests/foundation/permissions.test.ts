import { describe, expect, test } from "vitest";
import "./session";
import { signInAs, listingOf } from "./session";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { setListingStatusAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { db } from "@/lib/db";

/** The agreed matrix, written out independently of the constant it checks. */
const EXPECTED: Record<Permission, { ADMIN: boolean; STAFF: boolean; VIEWER: boolean }> = {
  "dealer.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "listings.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "listings.edit": { ADMIN: true, STAFF: true, VIEWER: false },
  "listings.delete": { ADMIN: true, STAFF: false, VIEWER: false },
  "syncs.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "syncs.run": { ADMIN: true, STAFF: true, VIEWER: false },
  "syncs.confirmRemoval": { ADMIN: true, STAFF: false, VIEWER: false },
  "activity.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "connections.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "connections.manage": { ADMIN: true, STAFF: false, VIEWER: false },
  "publications.enrol": { ADMIN: true, STAFF: true, VIEWER: false },
  "settings.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "settings.numbering": { ADMIN: true, STAFF: false, VIEWER: false },
  "team.manage": { ADMIN: true, STAFF: false, VIEWER: false },
  "audit.view": { ADMIN: true, STAFF: false, VIEWER: false },
  "promotions.view": { ADMIN: true, STAFF: true, VIEWER: true },
  "promotions.buy": { ADMIN: true, STAFF: true, VIEWER: false },
  "promotions.budget": { ADMIN: true, STAFF: false, VIEWER: false },
};

describe("permission matrix", () => {
  test("covers exactly the agreed permissions", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const [permission, roles] of Object.entries(EXPECTED) as [Permission, Record<"ADMIN" | "STAFF" | "VIEWER", boolean>][]) {
    for (const [role, allowed] of Object.entries(roles) as ["ADMIN" | "STAFF" | "VIEWER", boolean][]) {
      test(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => expect(can(role, permission)).toBe(allowed));
    }
  }
  test("no role means no permission", () => expect(can(null, "dealer.view")).toBe(false));
});

describe("roles enforced by the server action", () => {
  const cases = [
    { email: "owner@autogent.test", allowed: true },
    { email: "staff@autogent.test", allowed: true },
    { email: "viewer@autogent.test", allowed: false },
    { email: "admin@forecourt.test", allowed: true }, // platform admins act as ADMIN
  ];
  for (const { email, allowed } of cases) {
    test(`${email} ${allowed ? "can" : "cannot"} change a listing's status`, async () => {
      await signInAs(email);
      const car = await listingOf("auto-gent", "AG-1002");
      const target = car.status === "RESERVED" ? "active" : "reserved";
      const result = await setListingStatusAction({ dealer: "auto-gent", listingId: car.id, status: target });
      const after = await db.listing.findUniqueOrThrow({ where: { id: car.id } });
      if (allowed) {
        expect(result.serverError).toBeUndefined();
        expect(after.status).toBe(target.toUpperCase());
      } else {
        expect(result.serverError).toBe("Not found.");
        expect(after.status).toBe(car.status);
      }
    });
  }

  test("signed-out callers are told to sign in and nothing changes", async () => {
    await signInAs(null);
    const car = await listingOf("auto-gent", "AG-1003");
    const result = await setListingStatusAction({ dealer: "auto-gent", listingId: car.id, status: "sold" });
    expect(result.serverError).toMatch(/sign in/i);
    expect((await db.listing.findUniqueOrThrow({ where: { id: car.id } })).status).toBe(car.status);
  });

  test("a change writes an audit event naming who did it", async () => {
    const user = await signInAs("staff@autogent.test");
    const car = await listingOf("auto-gent", "AG-1001");
    await setListingStatusAction({ dealer: "auto-gent", listingId: car.id, status: "reserved" });
    const event = await db.auditEvent.findFirst({ where: { targetId: car.id, action: "listing.status_changed" }, orderBy: { createdAt: "desc" } });
    expect(event?.actorId).toBe(user!.id);
    expect(event?.data).toMatchObject({ status: "reserved", changes: [{ field: "status", after: "reserved" }] });
  });
});
