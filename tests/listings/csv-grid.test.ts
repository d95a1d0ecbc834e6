import { describe, expect, test } from "vitest";
import Papa from "papaparse";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "./helpers";
import { importCsvAction, previewCsvAction, saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { GET as exportRoute } from "@/app/(dashboard)/d/[dealer]/listings/export/route";
import { GET as gridRoute } from "@/app/api/d/[dealer]/listings/route";
import { db } from "@/lib/db";
import { parseGridQuery, queryListingsGrid } from "@/lib/listings/grid";
import { setPreferredLanguage } from "@/lib/i18n/preference";
import { fromRow } from "@/lib/listings/store";

const tag = `csv${Date.now().toString(36)}`;
const CSV = [
  "reference,title,status,make,model,year,mileage,price,currency,postalCode,city,province,images,features",
  `${tag}-1,Audi A3 Sportback 30 TFSI,active,Audi,A3,2021,30500,24900,EUR,9000,Gent,Oost-Vlaanderen,https://img.test/a3-1.jpg|https://img.test/a3-2.jpg,Comfort: Cruise control|Navigation`,
  `${tag}-2,Renault Clio 1.0 TCe,active,Renault,Clio,1850,12000,14900,EUR,9000,Gent,Oost-Vlaanderen,,`,
  `${tag}-3,"Mercedes C 200, AMG Line",reserved,Mercedes-Benz,C,2019,64000,31900,EUR,9000,Gent,Oost-Vlaanderen,https://img.test/c200.jpg,`,
].join("\r\n");

const exportCsv = async (dealer: string, query = "") =>
  exportRoute(new Request(`http://localhost/d/${dealer}/listings/export?${query}`), { params: Promise.resolve({ dealer }) });

describe("CSV import", () => {
  test("the preview names the bad row and field, and writes nothing", async () => {
    await signInAs("staff@autogent.test");
    const before = await db.listing.count();
    const { data } = await previewCsvAction({ dealer: "auto-gent", csv: CSV });
    expect(data).toMatchObject({ rows: 3, valid: 2, creates: 2, updates: 0 });
    expect(data!.problems).toEqual([expect.objectContaining({ line: 3, reference: `${tag}-2`, field: "year" })]);
    expect(await db.listing.count()).toBe(before);
  });

  test("with errors, nothing is imported unless the user chooses to skip the bad rows", async () => {
    await signInAs("staff@autogent.test");
    const refused = await importCsvAction({ dealer: "auto-gent", csv: CSV, skipInvalid: false });
    expect(refused.data?.imported).toBe(0);
    expect(await db.listing.count({ where: { reference: { startsWith: tag } } })).toBe(0);
    const done = await importCsvAction({ dealer: "auto-gent", csv: CSV, skipInvalid: true });
    expect(done.data?.imported).toBe(2);
    const audi = await db.listing.findFirstOrThrow({ where: { reference: `${tag}-1`, dealerId: await dealerId("auto-gent") } });
    expect(audi.images).toEqual(["https://img.test/a3-1.jpg", "https://img.test/a3-2.jpg"]);
    expect(audi.features).toEqual([{ category: "Comfort", name: "Cruise control" }, { category: null, name: "Navigation" }]);
    expect((await db.listing.findFirstOrThrow({ where: { reference: `${tag}-3` } })).title).toBe("Mercedes C 200, AMG Line");
    // Importing again matches the same cars instead of duplicating them (and changes nothing).
    const again = await previewCsvAction({ dealer: "auto-gent", csv: CSV });
    expect(again.data).toMatchObject({ creates: 0, updates: 0, unchanged: 2 });
  });

  test("a file without the required columns, or a viewer, or another dealer: refused", async () => {
    await signInAs("staff@autogent.test");
    const { data } = await previewCsvAction({ dealer: "auto-gent", csv: "make,model\r\nAudi,A3" });
    expect(data!.problems.map((p) => p.field)).toEqual(["reference"]); // a title is needed only by new cars, on their own rows
    await signInAs("viewer@autogent.test");
    expect((await importCsvAction({ dealer: "auto-gent", csv: CSV, skipInvalid: true })).serverError).toBe("Not found.");
    await signInAs("staff@autogent.test");
    expect((await importCsvAction({ dealer: "bilhuset", csv: CSV, skipInvalid: true })).serverError).toBe("Not found.");
  });
});

describe("CSV export", () => {
  test("exports the current filter in the reader's language, and the file imports back unchanged", async () => {
    await signInAs("staff@autogent.test");
    const res = await exportCsv("auto-gent", "status=sold");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/auto-gent-listings-.*\.csv/);
    const text = await res.text();
    expect(text).not.toMatch(/\r\n\r\n/); // no blank line after the header
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(0);
    // English readers get English column names and statuses, never field names or enum values.
    expect(rows.every((r) => r["Status"] === "Sold")).toBe(true);
    expect(rows.map((r) => r["Reference (stock number)"])).toContain("AG-1006");
    expect(rows.find((r) => r["Reference (stock number)"] === "AG-1006")).toMatchObject({ "Fuel": "Electric", "Price": "31900", "Mileage (km)": "56000" });
    const preview = await previewCsvAction({ dealer: "auto-gent", csv: text });
    expect(preview.data).toMatchObject({ problems: [], creates: 0, updates: 0, unchanged: rows.length });
  });

  test("a Dutch reader's export is Dutch, with ';' and decimal commas, and a French colleague imports it unchanged", async () => {
    const staff = await signInAs("staff@autogent.test");
    const { data } = await saveListingAction({ dealer: "auto-gent", listing: car({ reference: `${tag}-nl`, powerKw: 85.5, fuelConsumption: 4.9, serviceHistory: true, condition: "used", transmission: "automatic" }), channels: {} });
    expect(data?.id).toBeTruthy();
    await setPreferredLanguage(staff!.id, "nl");
    try {
      const bytes = new Uint8Array(await (await exportCsv("auto-gent", `q=${tag}-nl`)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte order mark: spreadsheets read é and å right
      const text = new TextDecoder().decode(bytes);
      const [header, line] = text.split("\r\n");
      expect(header).toMatch(/^Referentie \(voorraadnummer\);Toestand;Titel;/);
      expect(line).toContain(";Te koop;");
      expect(line).toContain(";85,5;"); // kW with a decimal comma
      expect(line).toContain(";Automaat;");
      expect(line).toContain(";Ja;");
      await setPreferredLanguage(staff!.id, "fr");
      const before = await db.listing.findFirstOrThrow({ where: { reference: `${tag}-nl` } });
      const preview = await previewCsvAction({ dealer: "auto-gent", csv: text });
      expect(preview.data).toMatchObject({ problems: [], warnings: [], updates: 0, unchanged: 1, numbers: { convention: "comma-decimal" } });
      expect((await importCsvAction({ dealer: "auto-gent", csv: text })).data).toMatchObject({ imported: 0, unchanged: 1 });
      const after = await db.listing.findFirstOrThrow({ where: { reference: `${tag}-nl` } });
      expect(fromRow(after)).toEqual(fromRow(before));
    } finally {
      await setPreferredLanguage(staff!.id, null);
    }
  });

  test("an import reads column names and values in any of the four languages, and field names", async () => {
    await signInAs("staff@autogent.test");
    const csv = [
      "Référence (numéro de stock);Titre;Statut;Carburant;Boîte de vitesses;Prix;Kilométrage (km);Carnet d’entretien;fuelType",
      `${tag}-fr;Peugeot 208;En vente;Essence;Manuelle;"12 950";"45 000";Oui;diesel`,
    ].join("\r\n");
    const preview = await previewCsvAction({ dealer: "auto-gent", csv });
    // The second "fuel" column (a field name) names a field already given: it is ignored, and said so.
    expect(preview.data).toMatchObject({ valid: 1, problems: [], unknownColumns: ["fuelType"] });
    await importCsvAction({ dealer: "auto-gent", csv });
    const saved = await db.listing.findFirstOrThrow({ where: { reference: `${tag}-fr` } });
    expect(saved).toMatchObject({ status: "ACTIVE", fuelType: "petrol", mileage: 45000 });
    expect(Number(saved.price)).toBe(12950);
    expect(saved.details).toMatchObject({ transmission: "manual", serviceHistory: true });
  });

  test("another dealer's export is not found; signed out is 401", async () => {
    await signInAs("staff@autogent.test");
    expect((await exportCsv("bilhuset")).status).toBe(404);
    await signInAs(null);
    expect((await exportCsv("auto-gent")).status).toBe(401);
  });
});

describe("grid query", () => {
  test("filters, search, sort and paging, scoped to the dealer", async () => {
    await signInAs("staff@autogent.test");
    const marker = `grid${Date.now().toString(36)}`;
    for (const [i, make] of ["Fiat", "Fiat", "Kia"].entries()) {
      await saveListingAction({ dealer: "auto-gent", listing: car({ reference: `${marker}-${i}`, make, title: `${make} ${marker}`, price: 1000 * (i + 1), images: i === 2 ? [] : ["https://img.test/x.jpg"] }), channels: {} });
    }
    const id = await dealerId("auto-gent");
    const search = await queryListingsGrid(id, parseGridQuery({ q: marker.toUpperCase() }));
    expect(search.total).toBe(3);
    const fiat = await queryListingsGrid(id, parseGridQuery({ q: marker, make: "fiat", sort: "price", dir: "desc" }));
    expect(fiat.rows.map((r) => r.reference)).toEqual([`${marker}-1`, `${marker}-0`]);
    for (const sort of ["updatedAt", "reference", "title", "make", "year", "mileage", "price", "status"]) {
      const sorted = await queryListingsGrid(id, parseGridQuery({ q: marker, sort, dir: "asc" }));
      expect(sorted.total, `sort by ${sort}`).toBe(3);
    }
    const byTitle = await queryListingsGrid(id, parseGridQuery({ q: marker, sort: "title", dir: "asc" }));
    expect(byTitle.rows.map((r) => r.title)).toEqual([`Fiat ${marker}`, `Fiat ${marker}`, `Kia ${marker}`]);
    const noImages = await queryListingsGrid(id, parseGridQuery({ q: marker, missing: "images" }));
    expect(noImages.rows.map((r) => r.reference)).toEqual([`${marker}-2`]);
    const paged = await queryListingsGrid(id, parseGridQuery({ q: marker, size: "25", page: "2" }));
    expect(paged.rows).toEqual([]);
    expect(paged.total).toBe(3);
    const other = await queryListingsGrid(await dealerId("bilhuset"), parseGridQuery({ q: marker }));
    expect(other.total).toBe(0);
  });

  test("malformed query values fall back to defaults instead of failing", () => {
    const q = parseGridQuery({ page: "-4", size: "9999", sort: "password", dir: "sideways", status: "draft,bogus", market: "x';drop" });
    expect(q).toMatchObject({ page: 1, size: 50, sort: "updatedAt", dir: "desc", status: [], market: "" });
  });

  test("the JSON endpoint answers 404 for another dealer", async () => {
    await signInAs("staff@bilhuset.test");
    const res = await gridRoute(new Request("http://localhost/api/d/auto-gent/listings"), { params: Promise.resolve({ dealer: "auto-gent" }) });
    expect(res.status).toBe(404);
    const own = await gridRoute(new Request("http://localhost/api/d/bilhuset/listings?status=active"), { params: Promise.resolve({ dealer: "bilhuset" }) });
    const body = (await own.json()) as { rows: { reference: string }[] };
    expect(body.rows.length).toBeGreaterThan(0);
    // Only Bilhuset's own cars (other test files may have added some: compare with the database, not a prefix).
    const bilhuset = new Set((await db.listing.findMany({ where: { dealer: { slug: "bilhuset" } }, select: { reference: true } })).map((l) => l.reference));
    expect(body.rows.filter((r) => !bilhuset.has(r.reference))).toEqual([]);
  });
});
