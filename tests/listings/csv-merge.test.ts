import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "./helpers";
import { bulkChannelAction, bulkEditAction, bulkStatusAction, importCsvAction, previewCsvAction, saveListingAction, undoChangesAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { GET as exportRoute } from "@/app/(dashboard)/d/[dealer]/listings/export/route";
import { db } from "@/lib/db";
import { setPreferredLanguage } from "@/lib/i18n/preference";

const tag = `mrg${Date.now().toString(36)}`;

/** Everything stored about a car except the time it was last written. */
const stored = async (reference: string) => {
  const { updatedAt: _updatedAt, ...row } = await db.listing.findFirstOrThrow({ where: { reference, dealerId: await dealerId("auto-gent") } });
  return row;
};

async function createCar(over: Parameters<typeof car>[0] = {}) {
  const listing = car(over);
  const { data, serverError, validationErrors } = await saveListingAction({ dealer: "auto-gent", listing, channels: {} });
  expect(serverError ?? validationErrors).toBeUndefined();
  expect(data?.id).toBeTruthy();
  return listing.reference!;
}

const rich = (n: number) => ({
  reference: `${tag}-${n}`, description: "Eerste eigenaar, volledig onderhouden.", images: ["https://img.test/a.jpg", "https://img.test/b.jpg"],
  features: [{ category: "Comfort", name: "Cruise control" }], conditionTags: ["Nieuwe banden"], color: "Grijs", powerKw: 110.5, warranty: true,
});

describe("CSV import merges", () => {
  test("a partial file (reference, title, price) changes only those columns", async () => {
    await signInAs("staff@autogent.test");
    const active = await createCar(rich(1));
    const sold = await createCar({ ...rich(2), status: "sold" });
    const [activeBefore, soldBefore] = [await stored(active), await stored(sold)];
    expect(soldBefore.soldAt).not.toBeNull();

    const csv = ["reference,title,price", `${active},Skoda Octavia Combi 2.0 TDI Style,17950`, `${sold},Skoda Octavia (verkocht),16500`].join("\r\n");
    const preview = (await previewCsvAction({ dealer: "auto-gent", csv })).data!;
    expect(preview).toMatchObject({ problems: [], creates: 0, updates: 2, unchanged: 0, goingOffline: 0, comingOnline: 0 });
    // Per car, each field that changes, old → new; nothing else.
    expect(preview.cars.find((c) => c.reference === active)!.changes).toEqual([
      { field: "title", column: "title", from: "Skoda Octavia Combi 2.0 TDI", to: "Skoda Octavia Combi 2.0 TDI Style" },
      { field: "price", column: "price", from: 18950, to: 17950 },
    ]);

    const result = (await importCsvAction({ dealer: "auto-gent", csv })).data!;
    expect(result).toMatchObject({ imported: 2, created: 0, updated: 2, unchanged: 0 });
    const [activeAfter, soldAfter] = [await stored(active), await stored(sold)];
    expect(activeAfter).toEqual({ ...activeBefore, title: "Skoda Octavia Combi 2.0 TDI Style", price: activeAfter.price, searchText: activeAfter.searchText });
    expect(Number(activeAfter.price)).toBe(17950);
    // Photos, description, features, status and the sold time stay as they were.
    expect(soldAfter).toEqual({ ...soldBefore, title: "Skoda Octavia (verkocht)", price: soldAfter.price, searchText: soldAfter.searchText });
    expect(soldAfter.soldAt).toEqual(soldBefore.soldAt);
    expect(soldAfter.images).toEqual(["https://img.test/a.jpg", "https://img.test/b.jpg"]);
  });

  test("empty cells leave values alone, unless the dealer chose that they clear them; lists change only with their column", async () => {
    await signInAs("staff@autogent.test");
    const reference = await createCar(rich(3));
    const csv = ["reference,description,color,status,images", `${reference},,,,`].join("\r\n");
    const kept = (await previewCsvAction({ dealer: "auto-gent", csv })).data!;
    expect(kept).toMatchObject({ problems: [], updates: 0, unchanged: 1 });
    expect((await importCsvAction({ dealer: "auto-gent", csv })).data).toMatchObject({ imported: 0, unchanged: 1, changeSetId: null });

    const cleared = (await previewCsvAction({ dealer: "auto-gent", csv, emptyClears: true })).data!;
    expect(cleared.cars[0]!.changes.map((c) => c.field).sort()).toEqual(["color", "description", "images"]);
    await importCsvAction({ dealer: "auto-gent", csv, emptyClears: true });
    const after = await stored(reference);
    expect(after.images).toEqual([]);
    expect(after.status).toBe("ACTIVE"); // a status is never cleared by an empty cell
    expect((after.details as Record<string, unknown>).description ?? null).toBeNull();
    expect(after.features).toEqual([{ category: "Comfort", name: "Cruise control" }]); // no features column: untouched
  });

  test("new references start from the dealer's defaults; a new car without a title is refused on its row", async () => {
    await signInAs("staff@autogent.test");
    const csv = ["reference,title,price", `${tag}-new,Peugeot 208 1.2 PureTech,15900`, `${tag}-untitled,,9900`].join("\r\n");
    const preview = (await previewCsvAction({ dealer: "auto-gent", csv })).data!;
    expect(preview).toMatchObject({ creates: 1, valid: 1 });
    expect(preview.problems).toEqual([expect.objectContaining({ line: 3, field: "title" })]);
    await importCsvAction({ dealer: "auto-gent", csv, skipInvalid: true });
    const created = await stored(`${tag}-new`);
    const dealer = await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
    expect(created).toMatchObject({ status: "DRAFT", currency: "EUR", postalCode: dealer.postalCode });
    expect((created.details as Record<string, unknown>).city).toBe(dealer.city);
  });

  test("the preview calls out cars going offline and coming online", async () => {
    await signInAs("staff@autogent.test");
    const going = await createCar({ reference: `${tag}-off` });
    const coming = await createCar({ reference: `${tag}-on`, status: "draft" });
    const csv = ["reference,status", `${going},sold`, `${coming},active`].join("\r\n");
    const preview = (await previewCsvAction({ dealer: "auto-gent", csv })).data!;
    expect(preview).toMatchObject({ goingOffline: 1, comingOnline: 1 });
    const off = preview.cars.find((c) => c.reference === going)!;
    expect(off.marketplace).toBe("offline");
    expect(off.marketplaces.length).toBeGreaterThan(0);
    expect(preview.cars.find((c) => c.reference === coming)!.marketplace).toBe("online");
  });
});

describe("round trip", () => {
  for (const language of ["en", "nl"] as const) {
    test(`export → import changes nothing and writes nothing (${language})`, async () => {
      const user = await signInAs("staff@autogent.test");
      await setPreferredLanguage(user!.id, language);
      try {
        const res = await exportRoute(new Request("http://localhost/d/auto-gent/listings/export"), { params: Promise.resolve({ dealer: "auto-gent" }) });
        const csv = await res.text();
        const total = await db.listing.count({ where: { dealerId: await dealerId("auto-gent") } });
        const before = await db.listing.findMany({ where: { dealerId: await dealerId("auto-gent") }, select: { id: true, updatedAt: true } });
        const preview = (await previewCsvAction({ dealer: "auto-gent", csv })).data!;
        expect(preview.cars).toEqual([]);
        expect(preview).toMatchObject({ problems: [], creates: 0, updates: 0, unchanged: total });
        const result = (await importCsvAction({ dealer: "auto-gent", csv, confirmWarnings: true })).data!;
        expect(result).toMatchObject({ imported: 0, unchanged: total, changeSetId: null });
        const after = await db.listing.findMany({ where: { dealerId: await dealerId("auto-gent") }, select: { id: true, updatedAt: true } });
        expect(after).toEqual(before); // not one row written, so no sync has anything to send
      } finally {
        await setPreferredLanguage(user!.id, null);
      }
    });
  }
});

describe("undo an import", () => {
  test("restores every car exactly, removes the cars it created, is audited, and works once", async () => {
    await signInAs("staff@autogent.test");
    const a = await createCar(rich(10));
    const b = await createCar({ ...rich(11), status: "sold" });
    const rows = { a: await stored(a), b: await stored(b) };
    const csv = ["reference,title,status,price,images,description", `${a},Nieuw,sold,1000,https://img.test/x.jpg,`, `${b},Ook nieuw,active,2000,,Andere tekst`, `${tag}-created,Gemaakt,draft,3000,,`].join("\r\n");
    const result = (await importCsvAction({ dealer: "auto-gent", csv, emptyClears: true, confirmWarnings: true })).data!;
    expect(result).toMatchObject({ imported: 3, created: 1, updated: 2 });
    expect((await stored(a)).status).toBe("SOLD");

    const undo = await undoChangesAction({ dealer: "auto-gent", changeSetId: result.changeSetId! });
    expect(undo.data).toMatchObject({ restored: 2, deleted: 1, skipped: [] });
    expect(await stored(a)).toEqual(rows.a);
    expect(await stored(b)).toEqual(rows.b);
    expect(await db.listing.count({ where: { reference: `${tag}-created` } })).toBe(0);
    const audit = await db.auditEvent.findFirst({ where: { action: "listing.changes_undone", targetId: result.changeSetId } });
    expect(audit?.data).toMatchObject({ kind: "import", restored: 2, deleted: 1 });
    // A second undo is refused and changes nothing.
    expect((await undoChangesAction({ dealer: "auto-gent", changeSetId: result.changeSetId! })).serverError).toBeTruthy();
  });

  test("a car edited since the import is left alone and named; a viewer or another dealer cannot undo", async () => {
    await signInAs("staff@autogent.test");
    const a = await createCar(rich(20));
    const result = (await importCsvAction({ dealer: "auto-gent", csv: `reference,price\r\n${a},12345` })).data!;
    const id = (await stored(a)).id;
    const edited = car({ ...rich(20), reference: a, price: 15000 });
    await saveListingAction({ dealer: "auto-gent", id, listing: edited, channels: {} });
    await signInAs("viewer@autogent.test");
    expect((await undoChangesAction({ dealer: "auto-gent", changeSetId: result.changeSetId! })).serverError).toBe("Not found.");
    await signInAs("staff@bilhuset.test");
    expect((await undoChangesAction({ dealer: "bilhuset", changeSetId: result.changeSetId! })).serverError).toBe("Not found.");
    await signInAs("staff@autogent.test");
    const undo = await undoChangesAction({ dealer: "auto-gent", changeSetId: result.changeSetId! });
    expect(undo.data).toMatchObject({ restored: 0, skipped: [{ reference: a, reason: "editedSince" }] });
    expect(Number((await stored(a)).price)).toBe(15000);
  });
});

describe("undo a bulk change", () => {
  test("a bulk status change and a marketplace switch are put back exactly", async () => {
    await signInAs("staff@autogent.test");
    const refs = [await createCar(rich(30)), await createCar({ ...rich(31), status: "reserved" })];
    const before = await Promise.all(refs.map(stored));
    const ids = before.map((r) => r.id);
    const sold = (await bulkStatusAction({ dealer: "auto-gent", ids, status: "sold" })).data!;
    expect((await stored(refs[0]!)).status).toBe("SOLD");
    expect((await undoChangesAction({ dealer: "auto-gent", changeSetId: sold.changeSetId! })).data).toMatchObject({ restored: 2 });
    expect(await Promise.all(refs.map(stored))).toEqual(before);

    const connection = await db.connection.findFirstOrThrow({ where: { dealerId: await dealerId("auto-gent") } });
    const off = (await bulkChannelAction({ dealer: "auto-gent", ids, connectionId: connection.id, enabled: false })).data!;
    expect(await db.publication.count({ where: { listingId: { in: ids }, connectionId: connection.id, enabled: false } })).toBe(2);
    await undoChangesAction({ dealer: "auto-gent", changeSetId: off.changeSetId! });
    expect(await db.publication.count({ where: { listingId: { in: ids }, connectionId: connection.id, enabled: false } })).toBe(0);
  });
});

describe("bulk edit", () => {
  test("+5% previews per car, applies only on request, and undoes exactly", async () => {
    await signInAs("staff@autogent.test");
    const refs = [await createCar({ ...rich(40), price: 10000 }), await createCar({ ...rich(41), price: 18950 }), await createCar({ ...rich(42), price: null, status: "draft" })];
    const before = await Promise.all(refs.map(stored));
    const ids = before.map((r) => r.id);
    const edit = { price: { mode: "percent" as const, value: 5 }, fields: {} };
    const preview = (await bulkEditAction({ dealer: "auto-gent", ids, edit })).data!.preview!;
    expect(preview.changing).toBe(2);
    expect(preview.cars.find((c) => c.reference === refs[0])!.changes).toEqual([{ field: "price", from: 10000, to: 10500 }]);
    expect(preview.cars.find((c) => c.reference === refs[1])!.changes).toEqual([{ field: "price", from: 18950, to: 19898 }]); // whole euros
    expect(preview.cars.find((c) => c.reference === refs[2])!.problem).toBeTruthy(); // no price to raise
    expect(await Promise.all(refs.map(stored))).toEqual(before); // a preview writes nothing

    const applied = (await bulkEditAction({ dealer: "auto-gent", ids, edit, apply: true })).data!.applied!;
    expect(applied.updated).toBe(2);
    expect(Number((await stored(refs[0]!)).price)).toBe(10500);
    await undoChangesAction({ dealer: "auto-gent", changeSetId: applied.changeSetId! });
    expect(await Promise.all(refs.map(stored))).toEqual(before);

    await signInAs("viewer@autogent.test");
    expect((await bulkEditAction({ dealer: "auto-gent", ids, edit, apply: true })).serverError).toBe("Not found.");
  });
});
