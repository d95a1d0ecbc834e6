import { expect, signIn, test } from "./fixtures";

// Both tests sync Auto Gent's Okasie connection; they run one after the other.
test.describe.configure({ mode: "serial" });

const money = (value: number, locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);

test("a dealer changes a price and sees, in their language, what the next sync changes on Okasie", async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(page, "staff@autogent.test");
  // What Okasie has is what was last sent: sync first.
  await page.goto("/d/auto-gent/syncs");
  const card = page.getByTestId("sync-card-Okasie — Auto Gent Centrum");
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByText(/^Done|Done with errors|Waiting for confirmation/).first()).toBeVisible({ timeout: 60_000 });

  // In English. (A save is pushed ~5 s later, so each check reads the page its save refreshed.)
  await page.goto("/d/auto-gent/listings?q=ag-1002");
  await page.getByRole("link", { name: "AG-1002" }).click();
  // Auto Gent may have a second Okasie connection (another spec adds one): read the seeded one.
  const centrum = () => page.getByTestId("diff-Okasie").filter({ hasText: "Okasie — Auto Gent Centrum" });
  await expect(centrum()).toContainText("Nothing changes on Okasie.");
  await page.getByLabel("Price", { exact: true }).fill("14990");
  await page.getByRole("button", { name: "Save changes" }).click();
  // The saved page refreshes at once, seconds before the push that follows a save.
  await expect(page.getByText("Saved.")).toBeVisible();
  const okasie = centrum();
  await expect(okasie.getByTestId("change-price")).toHaveText(`Okasie: Price ${money(15_490, "en-GB")} → ${money(14_990, "en-GB")}`);
  await expect(okasie.getByTestId("change-title")).toHaveCount(0);

  // In French, a dealer in Liège: "21 950 € → 20 950 €".
  await context.addCookies([{ name: "forecourt-lang", value: "fr", domain: "localhost", path: "/" }]);
  await page.goto("/d/auto-gent/listings?q=ag-1001");
  await page.getByRole("link", { name: "AG-1001" }).click();
  await page.getByLabel("Prix", { exact: true }).fill("20950");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByText(/^Enregistré/)).toBeVisible();
  const fr = centrum().getByTestId("change-price");
  await expect(fr).toHaveText(`Okasie: Prix ${money(21_950, "fr-BE")} → ${money(20_950, "fr-BE")}`);
  expect(money(20_950, "fr-BE").replace(/\s/g, " ")).toBe("20 950 €");
  await context.clearCookies({ name: "forecourt-lang" });
});

test("an admin sees the removal hold on the overview, the named cars, confirms, and exactly those go offline", async ({ page }) => {
  test.setTimeout(180_000);
  const prefix = `HOLD${Date.now().toString(36).slice(-4).toUpperCase()}`;
  const refs = Array.from({ length: 8 }, (_, i) => `${prefix}-${i}`);
  await signIn(page, "owner@autogent.test");
  await page.goto("/d/auto-gent/listings/import");
  const csv = ["reference,title,status,make,model,year,price,currency,postalCode,city,province",
    ...refs.map((r, i) => `${r},Skoda Octavia ${r},active,Skoda,Octavia,2019,${12_000 + i},EUR,9000,Gent,Oost-Vlaanderen`)].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import 8 rows" }).click();
  await expect(page.getByText("Written: 8 new and 0 changed.")).toBeVisible();

  await page.goto("/d/auto-gent/syncs");
  const card = page.getByTestId("sync-card-Okasie — Auto Gent Centrum");
  await expect(async () => {
    await page.goto(`/d/auto-gent/listings?q=${prefix.toLowerCase()}`);
    await expect(page.getByRole("row", { name: new RegExp(`${refs[7]}`) })).toContainText("Okasie: Live", { timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  // Six of them sold at once: more than the safety limit.
  for (const r of refs.slice(0, 6)) await page.getByRole("checkbox", { name: `Select ${r}` }).check();
  await page.getByLabel("New status").selectOption("sold");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();

  await page.goto("/d/auto-gent/syncs");
  await card.getByRole("button", { name: "Sync now" }).click().catch(() => {});
  // The overview names every car that would go offline; the navigation shows it waits.
  await expect(async () => {
    await page.goto("/d/auto-gent");
    await expect(page.getByTestId("overview-hold")).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  const hold = page.getByTestId("overview-hold");
  for (const r of refs.slice(0, 6)) await expect(hold).toContainText(r);
  for (const r of refs.slice(6)) await expect(hold).not.toContainText(r);
  await expect(page.getByTestId("nav-hold")).toContainText("6");

  await hold.getByRole("link", { name: "Review and confirm" }).click();
  const box = page.getByTestId("removal-hold");
  for (const r of refs.slice(0, 6)) await expect(box).toContainText(r);
  await box.getByRole("button", { name: "Remove 6 ads" }).click();

  await expect(async () => {
    await page.goto(`/d/auto-gent/listings?q=${prefix.toLowerCase()}`);
    for (const r of refs.slice(0, 6)) await expect(page.getByRole("row", { name: new RegExp(`${r}\\b`) })).toContainText("Okasie: Sold", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  for (const r of refs.slice(6)) await expect(page.getByRole("row", { name: new RegExp(`${r}\\b`) })).toContainText("Okasie: Live");
  await page.goto("/d/auto-gent");
  await expect(page.getByTestId("overview-hold")).toHaveCount(0);
});
