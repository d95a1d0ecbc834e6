import { readFileSync } from "node:fs";
import { addBlocketConnection, expect, signIn, test } from "./fixtures";

test("a dealer creates a car with photos, fixes what Blocket needs, reorders photos, finds it, imports and exports CSV", async ({ page }) => {
  test.setTimeout(120_000);
  const ref = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, "owner@autogent.test");

  // Auto Gent also sells in Sweden: add a Blocket connection next to its Okasie one.
  await page.goto("/d/auto-gent/settings/connections");
  await addBlocketConnection(page, { name: "Blocket — Gent export", token: "blocket-sandbox-token", dealerCode: "FC-UPPSALA", scope: "dealer_group" });

  await page.goto("/d/auto-gent/listings/new");
  await page.getByLabel("Reference (stock number)").fill(ref);
  await page.getByLabel("Status").selectOption("active");
  await page.getByLabel("Title", { exact: true }).fill("Volvo V40 D2 Momentum");
  await page.getByLabel("Price", { exact: true }).fill("14950");
  await page.getByLabel("Make").fill("Volvo");
  await page.getByLabel("Model", { exact: true }).fill("V40");
  await page.getByLabel("Build year").fill("2018");
  await page.getByLabel("Mileage (km)").fill("98000");
  await page.getByLabel("Fuel").selectOption("diesel");
  await page.getByLabel("Transmission").selectOption("manual");
  await page.getByLabel("Body type").selectOption("hatchback");
  for (const n of [1, 2, 3]) {
    await page.getByLabel("Add a photo by its address").fill(`https://images.forecourt.test/e2e/${ref}/${n}.jpg`);
    await page.getByRole("button", { name: "Add photo" }).click();
  }
  await expect(page.getByTestId("image-row")).toHaveCount(3);

  // Okasie has all it needs; Blocket wants a plate (or VIN) and a price in SEK.
  await expect(page.getByTestId("preflight-Okasie — Auto Gent Centrum")).toContainText("Ready for Okasie");
  const blocket = page.getByTestId("preflight-Blocket — Gent export");
  await expect(blocket).toContainText("registration number or a VIN");
  await page.getByLabel("Registration number").fill("ABC123");
  await page.getByLabel("Price on Blocket — Gent export (SEK)").fill("169000");
  await expect(blocket).toContainText("Ready for Blocket");

  // The third photo becomes the second.
  await page.getByRole("button", { name: "Move photo 3 up" }).click();
  await expect(page.getByTestId("image-row").nth(1)).toContainText(`/${ref}/3.jpg`);
  await page.getByRole("button", { name: "Create car" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Car created." })).toBeVisible();
  await expect(page.getByTestId("image-row").nth(1)).toContainText(`/${ref}/3.jpg`);
  await expect(page.getByTestId("image-row").nth(2)).toContainText(`/${ref}/2.jpg`);

  // Find it in the grid, by filter and by search; the URL keeps the state.
  await page.goto("/d/auto-gent/listings");
  await page.getByLabel("Make").selectOption("Volvo");
  await expect(page).toHaveURL(/make=Volvo/);
  await expect(page.getByRole("row", { name: new RegExp(ref) })).toBeVisible();
  await page.getByLabel("Make").selectOption("");
  await page.getByRole("searchbox", { name: "Search" }).fill(ref.toLowerCase());
  await expect(page).toHaveURL(new RegExp(`q=${ref.toLowerCase()}`));
  await expect(page.getByRole("row")).toHaveCount(2); // header + our car
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(ref) })).toBeVisible();

  // Export the current filter.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const exported = readFileSync(file!, "utf8");
  // In the reader's language (English here), with the column names a person reads.
  expect(exported.replace(/^\uFEFF/, "").split("\n")[0]).toContain("Reference (stock number),Status,Title");
  expect(exported).toContain(ref);
  expect(exported.trim().split(/\r?\n/), "the header and our car").toHaveLength(2);

  // Import a CSV with one bad row: the preview names the row and the field.
  await page.goto("/d/auto-gent/listings/import");
  const csv = [
    "reference,title,status,make,model,year,price,currency,postalCode,city,province",
    `${ref}-B,Kia Ceed 1.0 T-GDi,active,Kia,Ceed,2020,15990,EUR,9000,Gent,Oost-Vlaanderen`,
    `${ref}-C,Seat Ibiza 1.0,active,Seat,Ibiza,twenty,11990,EUR,9000,Gent,Oost-Vlaanderen`,
  ].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("csv-summary")).toContainText("2 rows: 1 new, 0 changed, 0 unchanged, 1 with problems.");
  const problem = page.getByRole("row", { name: new RegExp(`${ref}-C`) });
  await expect(problem).toContainText("3");
  await expect(problem).toContainText("year");
  await page.getByRole("button", { name: "Import the valid row, skip the rest" }).click();
  await expect(page.getByText("Written: 1 new and 0 changed.")).toBeVisible();
  await page.goto(`/d/auto-gent/listings?q=${ref.toLowerCase()}-b`);
  await expect(page.getByRole("row", { name: new RegExp(`${ref}-B`) })).toBeVisible();
});

test("the grid works with the keyboard: sort, select and a confirmed bulk action", async ({ page }) => {
  await signIn(page, "staff@bilhuset.test");
  await page.goto("/d/bilhuset/listings");
  await page.getByRole("button", { name: /Sort by Price/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=price/);
  await page.getByRole("checkbox", { name: "Select BH-2004" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.getByLabel("New status").selectOption("reserved");
  await page.getByRole("button", { name: "Apply" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Change the status?");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Apply" }).click();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("row", { name: /BH-2004/ })).toContainText("Reserved");
});
