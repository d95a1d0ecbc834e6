/**
 * Every new action and route of Blocket complete goes through the action chain / dealer route:
 * signed-out users get nothing, another dealer's dealer, connection or car is "not found" (never a
 * refusal that reveals it exists), roles are checked (viewers cannot spend, staff cannot set the
 * budget, go live or migrate), and nothing is written by a refused call.
 */
import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { quotePromotionAction, requestPromotionAction, setBudgetAction, setExcludedChannelsAction } from "@/app/(dashboard)/d/[dealer]/promotions/actions";
import { goLiveAction, previewMigrationAction, runMigrationAction, setHoldOnFailedImagesAction, skipMigrationAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/publishing-actions";
import { GET as promotionsRoute } from "@/app/api/d/[dealer]/listings/[id]/promotions/route";
import { db } from "@/lib/db";

const ids = async () => {
  const gentListing = await db.listing.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" } } });
  const gentConnection = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" } } });
  const bilhusetListing = await db.listing.findFirstOrThrow({ where: { dealer: { slug: "bilhuset" } } });
  const bilhusetConnection = await db.connection.findFirstOrThrow({ where: { id: "demo-blocket-bilhuset" } });
  return { gentListing, gentConnection, bilhusetListing, bilhusetConnection };
};
const route = (dealer: string, id: string) => promotionsRoute(new Request(`http://localhost/api/d/${dealer}/listings/${id}/promotions`), { params: Promise.resolve({ dealer, id }) });
/** What a refused call must not have written, for the two demo dealers (other suites use their own dealers). */
const writes = async () => {
  const demo = { dealer: { slug: { in: ["bilhuset", "auto-gent"] } } };
  return {
    promotions: await db.promotion.count({ where: demo }), budgets: await db.promotionBudget.count({ where: demo }), migrations: await db.adminMigration.count({ where: demo }),
    audit: await db.auditEvent.count({ where: { ...demo, OR: [{ action: { startsWith: "promotion" } }, { action: { in: ["connection.went_live", "connection.photo_policy", "connection.migration_run", "connection.migration_skipped", "listing.promotion_channels"] } }] } }),
    connections: JSON.stringify(await db.connection.findMany({ where: { id: { in: ["demo-blocket-bilhuset", "demo-okasie-auto-gent"] } }, orderBy: { id: "asc" }, select: { id: true, rehearsal: true, holdOnFailedImages: true, migrationState: true } })),
  };
};

describe("Blocket complete: actions and routes are scoped to the user's dealers and roles", () => {
  test("another dealer (or one that does not exist) is not found, for every action", async () => {
    const { gentListing, gentConnection, bilhusetListing, bilhusetConnection } = await ids();
    const before = await writes();
    await signInAs("staff@bilhuset.test");
    for (const dealer of ["auto-gent", "no-such-dealer"]) {
      const connectionId = dealer === "auto-gent" ? gentConnection.id : bilhusetConnection.id;
      expect((await quotePromotionAction({ dealer, kind: "bump", connectionId, listingIds: [gentListing.id] })).serverError).toBe("Not found.");
      expect((await requestPromotionAction({ dealer, kind: "bump", connectionId, listingIds: [gentListing.id], expectedTotal: 0 })).serverError).toBe("Not found.");
      expect((await setExcludedChannelsAction({ dealer, listingId: gentListing.id, connectionId, excludedChannels: [] })).serverError).toBe("Not found.");
      expect((await setBudgetAction({ dealer, currency: "SEK", monthlyLimit: 1, prices: {} })).serverError).toBe("Not found.");
    }
    // Bilhuset's own dealer with Auto Gent's car or connection: not found either.
    expect((await quotePromotionAction({ dealer: "bilhuset", kind: "bump", connectionId: bilhusetConnection.id, listingIds: [gentListing.id] })).serverError).toBe("Not found.");
    expect((await quotePromotionAction({ dealer: "bilhuset", kind: "bump", connectionId: gentConnection.id, listingIds: [bilhusetListing.id] })).serverError).toBe("Not found.");
    expect((await requestPromotionAction({ dealer: "bilhuset", kind: "bump", connectionId: bilhusetConnection.id, listingIds: [bilhusetListing.id, gentListing.id], expectedTotal: 0 })).serverError).toBe("Not found.");
    expect((await setExcludedChannelsAction({ dealer: "bilhuset", listingId: gentListing.id, connectionId: bilhusetConnection.id, excludedChannels: ["bytbil"] })).serverError).toBe("Not found.");
    expect((await setExcludedChannelsAction({ dealer: "bilhuset", listingId: bilhusetListing.id, connectionId: gentConnection.id, excludedChannels: [] })).serverError).toBe("Not found.");

    await signInAs("admin@forecourt.test"); // platform admin: ADMIN everywhere, still only what exists under that dealer
    expect((await goLiveAction({ dealer: "bilhuset", connectionId: gentConnection.id })).serverError).toBe("Not found.");
    expect((await setHoldOnFailedImagesAction({ dealer: "bilhuset", connectionId: gentConnection.id, holdOnFailedImages: true })).serverError).toBe("Not found.");
    expect((await previewMigrationAction({ dealer: "bilhuset", connectionId: gentConnection.id, list: "ABC123" })).serverError).toBe("Not found.");
    expect((await runMigrationAction({ dealer: "bilhuset", connectionId: gentConnection.id, list: "ABC123" })).serverError).toBe("Not found.");
    expect((await skipMigrationAction({ dealer: "bilhuset", connectionId: gentConnection.id })).serverError).toBe("Not found.");
    expect(await writes()).toEqual(before);
  });

  test("roles: viewers cannot spend, staff cannot set the budget, go live, change the photo policy or migrate", async () => {
    const { gentListing, gentConnection, bilhusetListing, bilhusetConnection } = await ids();
    const before = await writes();
    await signInAs("viewer@autogent.test");
    expect((await quotePromotionAction({ dealer: "auto-gent", kind: "bump", connectionId: gentConnection.id, listingIds: [gentListing.id] })).serverError).toBe("Not found.");
    expect((await setExcludedChannelsAction({ dealer: "auto-gent", listingId: gentListing.id, connectionId: gentConnection.id, excludedChannels: [] })).serverError).toBe("Not found.");
    await signInAs("staff@bilhuset.test");
    expect((await setBudgetAction({ dealer: "bilhuset", currency: "SEK", monthlyLimit: 100_000, prices: { BLOCKET: { bump: 1 } } })).serverError).toBe("Not found.");
    expect((await goLiveAction({ dealer: "bilhuset", connectionId: bilhusetConnection.id })).serverError).toBe("Not found.");
    expect((await setHoldOnFailedImagesAction({ dealer: "bilhuset", connectionId: bilhusetConnection.id, holdOnFailedImages: true })).serverError).toBe("Not found.");
    expect((await previewMigrationAction({ dealer: "bilhuset", connectionId: bilhusetConnection.id, list: "ABC123" })).serverError).toBe("Not found.");
    expect((await runMigrationAction({ dealer: "bilhuset", connectionId: bilhusetConnection.id, list: "ABC123" })).serverError).toBe("Not found.");
    expect((await skipMigrationAction({ dealer: "bilhuset", connectionId: bilhusetConnection.id })).serverError).toBe("Not found.");
    // Staff may ask what a renewal would cost: the answer says why nothing can be bought yet.
    const quote = await quotePromotionAction({ dealer: "bilhuset", kind: "bump", connectionId: bilhusetConnection.id, listingIds: [bilhusetListing.id] });
    expect(quote.serverError).toBeUndefined();
    expect(quote.data?.blocked).toMatch(/^@promotions\./);
    // Bad input is refused on the field, and changes nothing.
    const bad = await setBudgetAction({ dealer: "bilhuset", currency: "SEK", monthlyLimit: -5, prices: {} });
    expect(bad.validationErrors ?? bad.serverError).toBeTruthy();
    await signInAs(null);
    expect((await quotePromotionAction({ dealer: "bilhuset", kind: "bump", connectionId: bilhusetConnection.id, listingIds: [bilhusetListing.id] })).serverError).toBeTruthy();
    expect(await writes()).toEqual(before);
  });

  test("GET a car's promotions: 404 for another dealer's car or dealer, 401 signed out, 200 for a member", async () => {
    const { gentListing, bilhusetListing } = await ids();
    await signInAs("staff@bilhuset.test");
    expect((await route("bilhuset", bilhusetListing.id)).status).toBe(200);
    expect(await (await route("bilhuset", bilhusetListing.id)).json()).toEqual({ promotions: [] });
    expect((await route("bilhuset", gentListing.id)).status).toBe(404);
    expect((await route("auto-gent", gentListing.id)).status).toBe(404);
    await signInAs("viewer@autogent.test");
    expect((await route("auto-gent", gentListing.id)).status).toBe(200);
    await signInAs(null);
    expect((await route("bilhuset", bilhusetListing.id)).status).toBe(401);
  });
});
