/**
 * A Dutch-speaking dealer keeps stock in Excel: downloads the workbook, changes a price in it,
 * uploads it, sees the car's price old → new in the preview, applies it, and undoes it again
 * (so AG-1005, a draft no other spec changes, is left as it was — without a price).
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, signInAnyLanguage, test } from "./fixtures";

test.use({ locale: "nl-BE" });

test("a Dutch dealer downloads the Excel export, edits a price, uploads it, previews old → new and applies it", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAnyLanguage(page, "staff@autogent.test");
  await page.goto("/d/auto-gent/listings?q=ag-1005");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel exporteren" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^auto-gent-listings-.*\.xlsx$/);

  // The dealer's edit, made with the library as Excel would save it: one number cell changed.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe("auto's");
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const [referenceColumn, priceColumn] = [header.indexOf("Referentie (voorraadnummer)"), header.indexOf("Prijs")];
  let oldPrice: unknown = "not found";
  const newPrice = 14950;
  sheet.eachRow((row, n) => {
    if (n === 1 || row.getCell(referenceColumn).value !== "AG-1005") return;
    oldPrice = row.getCell(priceColumn).value;
    row.getCell(priceColumn).value = newPrice;
  });
  expect(oldPrice).toBeNull(); // the draft has no price yet: the cell is empty
  const edited = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.goto("/d/auto-gent/listings/import");
  await page.getByLabel("CSV- of Excel-bestand (.csv, .xlsx)").setInputFiles({ name: "voorraad.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: edited });
  await expect(page.getByTestId("csv-summary")).toContainText("1 rij: 0 nieuw, 1 gewijzigd, 0 ongewijzigd, 0 met problemen.");
  const changes = page.getByTestId("csv-changes");
  await expect(changes).toContainText("AG-1005");
  const euros = (n: number) => new Intl.NumberFormat("nl-BE").format(n);
  await expect(changes.getByRole("listitem")).toHaveText([new RegExp(`^Prijs:\\s*leeg\\s*→\\s*€\\s${euros(newPrice)}$`)]);

  await page.getByRole("button", { name: "1 rij importeren" }).click();
  await expect(page.getByText(/Weggeschreven: 0 nieuw en 1 gewijzigd/)).toBeVisible();
  await page.getByRole("button", { name: "Ongedaan maken" }).first().click();
  await expect(page.getByText(/Ongedaan gemaakt: 1 auto hersteld/)).toBeVisible();
});
