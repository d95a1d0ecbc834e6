import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs, listingOf } from "../foundation/session";
import { car, dealerId } from "./helpers";
import { bulkChannelAction, bulkDeleteAction, bulkStatusAction, saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { db } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/server";

const fieldError = (errors: unknown, path: string) => {
  let node = errors as Record<string, unknown> | undefined;
  for (const key of path.split(".")) node = node?.[key] as Record<string, unknown> | undefined;
  return (node as { _errors?: string[] } | undefined)?._errors?.[0];
};
/** A field error as the (English-reading) dealer sees it: field messages are catalog keys until shown. */
const fieldWords = async (errors: unknown, path: string) => (await translatorFor("en")).text(fieldError(errors, path));
const count = async (slug = "auto-gent") => db.listing.count({ where: { dealerId: await dealerId(slug) } });

describe("saving a car", () => {
  test("staff create and update a car with its marketplace overrides, audited", async () => {
    const staff = await signInAs("staff@autogent.test");
    const okasie = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" }, marketplace: "OKASIE" } });
    const input = car();
    const created = await saveListingAction({ dealer: "auto-gent", listing: input, channels: { [okasie.id]: { enabled: true, title: "Okasie title", price: 18500 } } });
    expect(created.data?.reference).toBe(input.reference);
    const row = await db.listing.findUniqueOrThrow({ where: { id: created.data!.id! }, include: { publications: true } });
    expect(row.images).toEqual(input.images);
    expect(row.publications[0]).toMatchObject({ connectionId: okasie.id, enabled: true, overrideTitle: "Okasie title" });
    expect(Number(row.publications[0].overridePrice)).toBe(18500);

    const updated = await saveListingAction({ dealer: "auto-gent", id: row.id, listing: { ...input, images: [...input.images!].reverse(), price: 17990 }, channels: {} });
    expect(updated.serverError).toBeUndefined();
    const after = await db.listing.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.images).toEqual([...input.images!].reverse());
    expect(Number(after.price)).toBe(17990);
    const events = await db.auditEvent.findMany({ where: { targetId: row.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([["listing.created", staff!.id], ["listing.updated", staff!.id]]);
  });

  test.each([
    ["a reference with spaces", { reference: "AG 1" }, "listing.reference"],
    ["a reference over 64 characters", { reference: "X".repeat(65) }, "listing.reference"],
    ["an empty title", { title: "" }, "listing.title"],
    ["a build year of 1850", { year: 1850 }, "listing.year"],
    ["a negative mileage", { mileage: -5 }, "listing.mileage"],
    ["an unknown fuel", { fuelType: "steam" }, "listing.fuelType"],
    ["a malformed VIN", { vin: "123" }, "listing.vin"],
    ["a first registration of 2021-13", { firstRegistration: "2021-13" }, "listing.firstRegistration"],
    ["an image that is not a URL", { images: ["not a url"] }, "listing.images.0"],
    ["51 images", { images: Array.from({ length: 51 }, (_, i) => `https://img.test/${i}.jpg`) }, "listing.images"],
    ["7 condition tags", { conditionTags: ["a", "b", "c", "d", "e", "f", "g"] }, "listing.conditionTags"],
  ])("%s: a field-level message and nothing stored", async (_label, over, path) => {
    await signInAs("staff@autogent.test");
    const before = await count();
    const result = await saveListingAction({ dealer: "auto-gent", listing: car(over as never), channels: {} });
    expect(fieldError(result.validationErrors, path)).toBeTruthy();
    expect(await count()).toBe(before);
  });

  test("a reference already in use is refused on the field", async () => {
    await signInAs("staff@autogent.test");
    const before = await count();
    const result = await saveListingAction({ dealer: "auto-gent", listing: car({ reference: "AG-1001" }), channels: {} });
    expect(await fieldWords(result.validationErrors, "listing.reference")).toMatch(/already uses/);
    expect(await count()).toBe(before);
  });

  test("a reference sent to a marketplace can no longer change", async () => {
    await signInAs("staff@autogent.test");
    const created = await saveListingAction({ dealer: "auto-gent", listing: car(), channels: {} });
    await db.listing.update({ where: { id: created.data!.id! }, data: { referenceLockedAt: new Date() } });
    const result = await saveListingAction({ dealer: "auto-gent", id: created.data!.id!, listing: car({ reference: "RENAMED-1" }), channels: {} });
    expect(await fieldWords(result.validationErrors, "listing.reference")).toMatch(/can no longer change/);
    expect((await db.listing.findUniqueOrThrow({ where: { id: created.data!.id! } })).reference).toBe(created.data!.reference);
  });
});

describe("roles and tenancy", () => {
  test("a viewer cannot create, change or bulk-edit; nothing changes", async () => {
    await signInAs("viewer@autogent.test");
    const golf = await listingOf("auto-gent", "AG-1001");
    const before = await count();
    expect((await saveListingAction({ dealer: "auto-gent", listing: car(), channels: {} })).serverError).toBe("Not found.");
    expect((await saveListingAction({ dealer: "auto-gent", id: golf.id, listing: car({ reference: golf.reference }), channels: {} })).serverError).toBe("Not found.");
    expect((await bulkStatusAction({ dealer: "auto-gent", ids: [golf.id], status: "sold" })).serverError).toBe("Not found.");
    expect((await bulkDeleteAction({ dealer: "auto-gent", ids: [golf.id] })).serverError).toBe("Not found.");
    expect(await count()).toBe(before);
    expect((await db.listing.findUniqueOrThrow({ where: { id: golf.id } })).title).toBe(golf.title);
  });

  test("staff cannot delete; an admin can, but not a car still live on a marketplace", async () => {
    await signInAs("staff@autogent.test");
    const a = await saveListingAction({ dealer: "auto-gent", listing: car(), channels: {} });
    const b = await saveListingAction({ dealer: "auto-gent", listing: car(), channels: {} });
    expect((await bulkDeleteAction({ dealer: "auto-gent", ids: [a.data!.id!] })).serverError).toBe("Not found.");

    await signInAs("owner@autogent.test");
    const okasie = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" }, marketplace: "OKASIE" } });
    await db.publication.create({ data: { dealerId: await dealerId("auto-gent"), listingId: b.data!.id!, connectionId: okasie.id, state: "LIVE" } });
    const refused = await bulkDeleteAction({ dealer: "auto-gent", ids: [a.data!.id!, b.data!.id!] });
    expect(await fieldWords(refused.validationErrors, "ids")).toMatch(/This car is still on a marketplace: .*Mark it sold/);
    expect(await db.listing.count({ where: { id: { in: [a.data!.id!, b.data!.id!] } } })).toBe(2);
    expect((await bulkDeleteAction({ dealer: "auto-gent", ids: [a.data!.id!] })).data).toEqual({ count: 1 });
    expect(await db.listing.findUnique({ where: { id: a.data!.id! } })).toBeNull();
  });

  test("Auto Gent cannot touch Bilhuset's cars or connections, even under its own slug", async () => {
    await signInAs("owner@autogent.test");
    const volvo = await listingOf("bilhuset", "BH-2002");
    const blocket = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "bilhuset" } } });
    const own = await listingOf("auto-gent", "AG-1002");
    expect((await saveListingAction({ dealer: "bilhuset", id: volvo.id, listing: car({ reference: volvo.reference }), channels: {} })).serverError).toBe("Not found.");
    expect((await saveListingAction({ dealer: "auto-gent", id: volvo.id, listing: car({ reference: volvo.reference }), channels: {} })).serverError).toBe("Not found.");
    expect((await saveListingAction({ dealer: "auto-gent", id: own.id, listing: car({ reference: own.reference }), channels: { [blocket.id]: { enabled: true } } })).serverError).toBe("Not found.");
    expect((await bulkStatusAction({ dealer: "auto-gent", ids: [own.id, volvo.id], status: "sold" })).serverError).toBe("Not found.");
    expect((await bulkChannelAction({ dealer: "auto-gent", ids: [own.id], connectionId: blocket.id, enabled: false })).serverError).toBe("Not found.");
    expect((await bulkDeleteAction({ dealer: "auto-gent", ids: [volvo.id] })).serverError).toBe("Not found.");
    expect(await db.listing.findUniqueOrThrow({ where: { id: volvo.id } })).toMatchObject({ status: volvo.status, title: volvo.title });
    expect((await db.listing.findUniqueOrThrow({ where: { id: own.id } })).title).toBe(own.title);
    expect(await db.publication.count({ where: { connectionId: blocket.id, listingId: own.id } })).toBe(0);
  });
});

describe("bulk actions", () => {
  test("change status and turn a marketplace off for several cars at once", async () => {
    await signInAs("staff@autogent.test");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await saveListingAction({ dealer: "auto-gent", listing: car(), channels: {} })).data!.id!);
    expect((await bulkStatusAction({ dealer: "auto-gent", ids, status: "reserved" })).data).toMatchObject({ count: 3, changeSetId: expect.any(String) });
    expect(await db.listing.count({ where: { id: { in: ids }, status: "RESERVED" } })).toBe(3);
    const okasie = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" }, marketplace: "OKASIE" } });
    expect((await bulkChannelAction({ dealer: "auto-gent", ids, connectionId: okasie.id, enabled: false })).data).toMatchObject({ count: 3, changeSetId: expect.any(String) });
    expect(await db.publication.count({ where: { listingId: { in: ids }, connectionId: okasie.id, enabled: false } })).toBe(3);
    expect((await bulkStatusAction({ dealer: "auto-gent", ids: [], status: "sold" })).validationErrors).toBeTruthy();
  });

  test("marking sold is one action and records when", async () => {
    await signInAs("staff@autogent.test");
    const { data } = await saveListingAction({ dealer: "auto-gent", listing: car(), channels: {} });
    await bulkStatusAction({ dealer: "auto-gent", ids: [data!.id!], status: "sold" });
    const row = await db.listing.findUniqueOrThrow({ where: { id: data!.id! } });
    expect(row.status).toBe("SOLD");
    expect(row.soldAt).toBeInstanceOf(Date);
  });
});
