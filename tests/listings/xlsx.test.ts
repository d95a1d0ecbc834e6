import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "./helpers";
import { importCsvAction, previewCsvAction, saveListingAction, undoChangesAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { GET as exportRoute } from "@/app/(dashboard)/d/[dealer]/listings/export/route";
import { db } from "@/lib/db";
import { setPreferredLanguage } from "@/lib/i18n/preference";
import { CSV_COLUMNS, csvWriting } from "@/lib/listings/csv-vocabulary";
import { msg } from "@/lib/i18n/message";
import { pruneExpiredRecords, RETENTION_RULES } from "@/lib/ops/retention";

const tag = `xl${Date.now().toString(36)}`;

/** Everything stored about a car except the time it was last written. */
const stored = async (reference: string) => {
  const { updatedAt: _updatedAt, ...row } = await db.listing.findFirstOrThrow({ where: { reference, dealerId: await dealerId("auto-gent") } });
  return row;
};

async function createCar(over: Parameters<typeof car>[0] = {}) {
  const listing = car({ description: "Eerste eigenaar.", features: [{ category: "Comfort", name: "Cruise control" }], conditionTags: ["Nieuwe banden"], firstRegistration: "2020-04", ...over });
  const { serverError, validationErrors } = await saveListingAction({ dealer: "auto-gent", listing, channels: {} });
  expect(serverError ?? validationErrors).toBeUndefined();
  return listing.reference!;
}

/** A workbook as the browser sends it: base64. */
async function workbookOf(rows: ExcelJS.CellValue[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("cars");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

const download = async (query = "") => {
  const res = await exportRoute(new Request(`http://localhost/d/auto-gent/listings/export?format=xlsx${query}`), { params: Promise.resolve({ dealer: "auto-gent" }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
  return workbook;
};

/** A zip holding one entry that inflates to `size` bytes from a few kilobytes (no CRC: the guard must refuse before anyone checks it). */
function zipBomb(size: number): Buffer {
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const data = deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(1000, 22); local.writeUInt16LE(name.length, 26); // claims 1000 bytes
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20); central.writeUInt32LE(1000, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe("XLSX export", () => {
  test("readable labels in the reader's language, numbers and dates typed, lists as in the CSV, typed text never a formula", async () => {
    const user = await signInAs("staff@autogent.test");
    const reference = await createCar({ reference: `${tag}-x`, title: "=HYPERLINK(\"https://evil.test\",\"klik\")", price: 18950.5, mileage: 85000 });
    await setPreferredLanguage(user!.id, "nl");
    try {
      const sheet = (await download()).worksheets[0]!;
      expect(sheet.name).toBe("auto's");
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const words = (await csvWriting("nl")).header;
      expect(header).toEqual(CSV_COLUMNS.map((c) => words[c]));
      expect(header[0]).toBe("Referentie (voorraadnummer)");
      const col = (field: string) => header.indexOf(words[field]) + 1;
      let row: ExcelJS.Row | undefined;
      sheet.eachRow((r) => { if (r.getCell(col("reference")).value === reference) row = r; });
      expect(row).toBeDefined();
      expect(row!.getCell(col("price")).value).toBe(18950.5);
      expect(row!.getCell(col("mileage")).value).toBe(85000);
      expect(row!.getCell(col("firstRegistration")).value).toEqual(new Date(Date.UTC(2020, 3, 1)));
      expect(row!.getCell(col("status")).value).toBe("Te koop");
      expect(row!.getCell(col("images")).value).toBe("https://img.test/1.jpg|https://img.test/2.jpg");
      // Typed by a user: stored as a text cell, exactly, never as a formula Excel would run.
      expect(row!.getCell(col("title")).value).toBe("=HYPERLINK(\"https://evil.test\",\"klik\")");
      expect(row!.getCell(col("title")).type).toBe(ExcelJS.ValueType.String);
    } finally {
      await setPreferredLanguage(user!.id, null);
    }
  });

  test("the template explains every column on a translated second sheet", async () => {
    const user = await signInAs("staff@autogent.test");
    await setPreferredLanguage(user!.id, "nl");
    try {
      const workbook = await download("&template=1");
      expect(workbook.worksheets.map((s) => s.name)).toEqual(["auto's", "uitleg"]);
      expect(workbook.worksheets[0]!.actualRowCount).toBe(1); // only the header: it imports as it is
      const explanation = workbook.worksheets[1]!;
      expect(explanation.getRow(1).values).toEqual([undefined, "Kolom", "Wat je invult", "Voorbeeld", "Verplicht", "Veldnaam"]);
      expect(explanation.actualRowCount).toBe(CSV_COLUMNS.length + 1);
      const rows = new Map<string, unknown[]>();
      explanation.eachRow((r, n) => { if (n > 1) rows.set(String(r.getCell(5).value), (r.values as unknown[]).slice(1)); });
      expect(rows.get("reference")!.slice(3)).toEqual(["Ja", "reference"]);
      expect(rows.get("title")![3]).toBe("Voor nieuwe auto's");
      expect(rows.get("price")![2]).toBe("18950"); // an example, written as this reader writes numbers
      expect(rows.get("mileage")![3]).toBe("Nee");
      for (const [field, row] of rows) expect(row[1], field).toBeTruthy(); // every column says what it takes
    } finally {
      await setPreferredLanguage(user!.id, null);
    }
  });
});

describe("XLSX import", () => {
  for (const language of ["en", "nl"] as const) {
    test(`export → import changes nothing and writes nothing (${language})`, async () => {
      const user = await signInAs("staff@autogent.test");
      await setPreferredLanguage(user!.id, language);
      try {
        await createCar({ reference: `${tag}-rt-${language}`, price: 12345.67, registrationNumberHidden: true, latitude: 51.0543, longitude: 3.7174 });
        const file = Buffer.from(await (await download()).xlsx.writeBuffer()).toString("base64");
        const dealer = await dealerId("auto-gent");
        const total = await db.listing.count({ where: { dealerId: dealer } });
        const before = await db.listing.findMany({ where: { dealerId: dealer }, select: { id: true, updatedAt: true } });
        const changeSets = await db.listingChangeSet.count({ where: { dealerId: dealer } });
        const preview = (await previewCsvAction({ dealer: "auto-gent", csv: file, format: "xlsx" })).data!;
        expect(preview.problems).toEqual([]);
        expect(preview.cars).toEqual([]);
        expect(preview).toMatchObject({ creates: 0, updates: 0, unchanged: total });
        const result = (await importCsvAction({ dealer: "auto-gent", csv: file, format: "xlsx", confirmWarnings: true })).data!;
        expect(result).toMatchObject({ imported: 0, unchanged: total, changeSetId: null });
        // Not one row written and no change set: no sync has anything to send.
        expect(await db.listing.findMany({ where: { dealerId: dealer }, select: { id: true, updatedAt: true } })).toEqual(before);
        expect(await db.listingChangeSet.count({ where: { dealerId: dealer } })).toBe(changeSets);
      } finally {
        await setPreferredLanguage(user!.id, null);
      }
    });
  }

  test("a partial workbook (reference, price) changes only the price; undo restores the car exactly", async () => {
    await signInAs("staff@autogent.test");
    const reference = await createCar({ reference: `${tag}-p`, price: 18950, status: "sold" });
    const before = await stored(reference);
    const file = await workbookOf([["Referentie (voorraadnummer)", "Prijs"], [reference, 17250]]);
    const preview = (await previewCsvAction({ dealer: "auto-gent", csv: file, format: "xlsx" })).data!;
    expect(preview).toMatchObject({ problems: [], creates: 0, updates: 1, unchanged: 0 });
    expect(preview.cars[0]!.changes).toEqual([{ field: "price", column: "Prijs", from: 18950, to: 17250 }]);

    const result = (await importCsvAction({ dealer: "auto-gent", csv: file, format: "xlsx" })).data!;
    expect(result).toMatchObject({ imported: 1, updated: 1 });
    const after = await stored(reference);
    expect(Number(after.price)).toBe(17250);
    // Photos, description, features, status and the sold time stay as they were.
    expect(after).toEqual({ ...before, price: after.price, searchText: after.searchText });

    expect((await undoChangesAction({ dealer: "auto-gent", changeSetId: result.changeSetId! })).data).toMatchObject({ restored: 1 });
    expect(await stored(reference)).toEqual(before);
  });

  test("numbers are read as numbers, whatever the reader's language; a reference typed as a number matches", async () => {
    const user = await signInAs("staff@autogent.test");
    const reference = `${Date.now() % 1_000_000_000}`;
    await createCar({ reference, price: 10000, mileage: 50000 });
    await setPreferredLanguage(user!.id, "nl");
    try {
      const file = await workbookOf([["reference", "price", "mileage"], [Number(reference), 9999.5, 51234]]);
      const preview = (await previewCsvAction({ dealer: "auto-gent", csv: file, format: "xlsx" })).data!;
      expect(preview.problems).toEqual([]);
      expect(preview.cars[0]!.changes).toEqual([
        { field: "price", column: "price", from: 10000, to: 9999.5 },
        { field: "mileage", column: "mileage", from: 50000, to: 51234 },
      ]);
    } finally {
      await setPreferredLanguage(user!.id, null);
    }
  });

  test("a formula gives the value Excel saved with it; one without a saved value, or an error cell, is refused on its cell", async () => {
    await signInAs("staff@autogent.test");
    const reference = await createCar({ reference: `${tag}-f`, price: 20000 });
    const computed = await workbookOf([["reference", "price"], [reference, { formula: "20000*0.95", result: 19000 }]]);
    const preview = (await previewCsvAction({ dealer: "auto-gent", csv: computed, format: "xlsx" })).data!;
    expect(preview.cars[0]!.changes).toEqual([{ field: "price", column: "price", from: 20000, to: 19000 }]);

    const before = await stored(reference);
    const hostile = await workbookOf([["reference", "price", "title"], [reference, { formula: "WEBSERVICE(\"https://evil.test\")" }, { error: "#N/A" }]]);
    const refused = (await previewCsvAction({ dealer: "auto-gent", csv: hostile, format: "xlsx" })).data!;
    expect(refused.problems).toEqual([
      { line: 2, reference, field: "price", column: "price", message: msg("spreadsheet.formulaWithoutValue") },
      { line: 2, reference, field: "title", column: "title", message: msg("spreadsheet.errorCell", { error: "#N/A" }) },
    ]);
    expect((await importCsvAction({ dealer: "auto-gent", csv: hostile, format: "xlsx", skipInvalid: true })).data).toMatchObject({ imported: 0 });
    expect(await stored(reference)).toEqual(before);
  });

  test("a zip bomb, a file that is no workbook and an oversized upload are refused before anything is read; a viewer cannot import", async () => {
    await signInAs("staff@autogent.test");
    const bomb = zipBomb(80 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const bombed = (await previewCsvAction({ dealer: "auto-gent", csv: bomb.toString("base64"), format: "xlsx" })).data!;
    expect(bombed).toMatchObject({ rows: 0, problems: [{ line: 1, field: "", message: msg("spreadsheet.unpacksTooLarge", { max: 64 }) }] });

    const text = (await previewCsvAction({ dealer: "auto-gent", csv: Buffer.from("reference,price\r\nA,1").toString("base64"), format: "xlsx" })).data!;
    expect(text.problems).toMatchObject([{ message: msg("spreadsheet.notXlsx") }]);

    const oversized = await previewCsvAction({ dealer: "auto-gent", csv: "A".repeat(7_100_000), format: "xlsx" });
    expect(oversized.data).toBeUndefined();
    expect(oversized.validationErrors?.csv?._errors).toBeTruthy();

    await signInAs("viewer@autogent.test");
    const reference = await db.listing.findFirstOrThrow({ where: { dealerId: await dealerId("auto-gent") }, select: { reference: true, price: true } });
    const viewer = await importCsvAction({ dealer: "auto-gent", csv: await workbookOf([["reference", "price"], [reference.reference, 1]]), format: "xlsx" });
    expect(viewer.data).toBeUndefined();
    expect(viewer.serverError).toBeTruthy();
  });
});

describe("change sets past the undo window", () => {
  test("are deleted by the daily retention prune; recent ones stay undoable", async () => {
    const dealer = await dealerId("auto-gent");
    const now = new Date();
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const old = await db.listingChangeSet.create({ data: { dealerId: dealer, kind: "import", createdAt: days(7.01) } });
    const recent = await db.listingChangeSet.create({ data: { dealerId: dealer, kind: "import", createdAt: days(6.9) } });
    const result = await pruneExpiredRecords(now, RETENTION_RULES.filter((r) => r.table === "ListingChangeSet"));
    expect(result["import and bulk-change undo records"]).toBeGreaterThanOrEqual(1);
    expect(await db.listingChangeSet.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.listingChangeSet.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });
});
