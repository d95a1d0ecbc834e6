import { describe, expect, test } from "vitest";
import "./session";
import { signInAs, listingOf } from "./session";
import { setListingStatusAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { GET as listingsRoute } from "@/app/api/d/[dealer]/listings/route";
import { createDealerAction, setMembershipAction, removeMembershipAction, resetPasswordAction, createUserAction, updateDealerAction } from "@/app/admin/actions";
import { db } from "@/lib/db";

const callRoute = (dealer: string, query = "") => listingsRoute(new Request(`http://localhost/api/d/${dealer}/listings?${query}`), { params: Promise.resolve({ dealer }) });

describe("dealer isolation", () => {
  test("an Auto Gent user naming Bilhuset gets not-found and nothing changes", async () => {
    await signInAs("owner@autogent.test");
    const volvo = await listingOf("bilhuset", "BH-2001");
    const result = await setListingStatusAction({ dealer: "bilhuset", listingId: volvo.id, status: "sold" });
    expect(result.serverError).toBe("Not found.");
    expect((await db.listing.findUniqueOrThrow({ where: { id: volvo.id } })).status).toBe(volvo.status);
  });

  test("an Auto Gent user passing a Bilhuset listing id under their own dealer gets not-found", async () => {
    await signInAs("owner@autogent.test");
    const volvo = await listingOf("bilhuset", "BH-2002");
    const result = await setListingStatusAction({ dealer: "auto-gent", listingId: volvo.id, status: "sold" });
    expect(result.serverError).toBe("Not found.");
    expect((await db.listing.findUniqueOrThrow({ where: { id: volvo.id } })).status).toBe(volvo.status);
  });

  test("a dealer that does not exist looks the same as one you cannot reach", async () => {
    await signInAs("owner@autogent.test");
    const car = await listingOf("auto-gent", "AG-1001");
    const missing = await setListingStatusAction({ dealer: "no-such-dealer", listingId: car.id, status: "sold" });
    const foreign = await setListingStatusAction({ dealer: "bilhuset", listingId: car.id, status: "sold" });
    expect(missing.serverError).toBe(foreign.serverError);
  });

  test("the JSON API answers 404 for another dealer, 401 when signed out, data for members", async () => {
    await signInAs("staff@autogent.test");
    const foreign = await callRoute("bilhuset");
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("BH-2001");
    const own = await callRoute("auto-gent", "q=ag-100");
    expect(own.status).toBe(200);
    const body = (await own.json()) as { rows: { reference: string }[] };
    expect(body.rows.map((l) => l.reference)).toContain("AG-1001");
    expect(body.rows.every((l) => l.reference.startsWith("AG-"))).toBe(true);
    await signInAs(null);
    expect((await callRoute("auto-gent")).status).toBe(401);
  });

  test("a dealer ADMIN is not a platform admin: every admin action is not-found and changes nothing", async () => {
    await signInAs("owner@autogent.test");
    const gent = await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
    const viewer = await db.user.findUniqueOrThrow({ where: { email: "viewer@autogent.test" } });
    const before = { dealers: await db.dealer.count(), users: await db.user.count(), audit: await db.auditEvent.count(), hash: viewer.passwordHash };
    const results = await Promise.all([
      createDealerAction({ name: "Sneaky", slug: "sneaky", country: "BE" }),
      updateDealerAction({ id: gent.id, name: "Renamed", slug: "auto-gent", country: "BE" }),
      createUserAction({ email: "x@y.test", name: "X", password: "long-enough-pw", isPlatformAdmin: true }),
      resetPasswordAction({ userId: viewer.id, password: "long-enough-pw" }),
      setMembershipAction({ dealerId: gent.id, userId: viewer.id, role: "ADMIN" }),
      removeMembershipAction({ dealerId: gent.id, userId: viewer.id }),
    ]);
    for (const r of results) expect(r.serverError).toBe("Not found.");
    expect(await db.dealer.count()).toBe(before.dealers);
    expect(await db.user.count()).toBe(before.users);
    expect(await db.auditEvent.count()).toBe(before.audit);
    expect((await db.user.findUniqueOrThrow({ where: { id: viewer.id } })).passwordHash).toBe(before.hash);
    expect((await db.membership.findUniqueOrThrow({ where: { dealerId_userId: { dealerId: gent.id, userId: viewer.id } } })).role).toBe("VIEWER");
    expect((await db.dealer.findUniqueOrThrow({ where: { id: gent.id } })).name).toBe("Auto Gent");
  });
});
