import { expect, signIn, test } from "./fixtures";

// The second test reads the audit event the first one writes.
test.describe.configure({ mode: "serial" });

const reference = `HIST${Date.now().toString(36).slice(-5).toUpperCase()}`;
const money = (value: number, locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);

test("a dealer edits a price, syncs, and reads on the car's history in Dutch who changed what and Okasie's outcome", async ({ page, context }) => {
  test.setTimeout(150_000);
  await signIn(page, "staff@autogent.test");
  await page.goto("/d/auto-gent/listings/import");
  const csv = `reference,title,status,make,model,year,price,currency,postalCode,city,province\n${reference},Peugeot 308 ${reference},active,Peugeot,308,2020,21950,EUR,9000,Gent,Oost-Vlaanderen`;
  await page.getByLabel("CSV file").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: /^Import 1 row/ }).click();
  await expect(page.getByText("Written: 1 new and 0 changed.")).toBeVisible();
  await expect(async () => {
    await page.goto(`/d/auto-gent/listings?q=${reference.toLowerCase()}`);
    await expect(page.getByRole("row", { name: new RegExp(reference) })).toContainText("Okasie: Live", { timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  await context.addCookies([{ name: "forecourt-lang", value: "nl", domain: "localhost", path: "/" }]);
  await page.goto(`/d/auto-gent/listings?q=${reference.toLowerCase()}`);
  await page.getByRole("link", { name: reference, exact: true }).click();
  await page.waitForURL(/\/listings\/[a-z0-9]+$/);
  const carUrl = page.url();
  await page.getByLabel("Prijs", { exact: true }).fill("20950");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page.getByText(/^Opgeslagen/)).toBeVisible();
  await page.goto("/d/auto-gent/syncs");
  await page.getByTestId("sync-card-Okasie — Auto Gent Centrum").getByRole("button", { name: "Nu synchroniseren" }).click({ timeout: 10_000 })
    .catch(() => {}); // a push after the save may already be under way: the entry then follows it

  // One entry: who, the price old → new the Dutch way, and Okasie's outcome in its state words.
  await page.goto(`${carUrl}?tab=activity`);
  const entry = page.getByTestId("activity-entry").filter({ hasText: "Pieter Staff wijzigde de auto" });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId("change-price")).toHaveText(`Prijs ${money(21_950, "nl-BE")} → ${money(20_950, "nl-BE")}`);
  expect(money(20_950, "nl-BE").replace(/\s/g, " ")).toBe("€ 20.950");
  await expect(entry.getByTestId("outcome-OKASIE").filter({ hasText: "Auto Gent Centrum" })).toContainText("Okasie: Online", { timeout: 30_000 });
  // The import that created the car is its own entry, below.
  await expect(page.getByTestId("activity-entry").filter({ hasText: "Import (CSV/XLSX) door Pieter Staff" })).toHaveCount(1);

  // The dealer's Activity page has the same entry, with the car named.
  await page.goto("/d/auto-gent/activity");
  const onActivity = page.getByTestId("activity-entry").filter({ hasText: "Pieter Staff wijzigde de auto" }).filter({ hasText: reference });
  await expect(onActivity).toHaveCount(1, { timeout: 20_000 });
  await expect(onActivity.getByTestId("change-price")).toHaveText(`Prijs ${money(21_950, "nl-BE")} → ${money(20_950, "nl-BE")}`);
  await page.screenshot({ path: "test-results/screens/activity-nl-1440.png", fullPage: false });
  await context.clearCookies({ name: "forecourt-lang" });
});

test("an admin filters the audit log by who, what and dealer, and the raw data stays inside its card on a phone", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "admin@forecourt.test");
  await page.goto("/admin/audit");
  // (Each label wraps its select, so its name also holds the options' words: find them by field.)
  await page.locator("select[name=who]").selectOption({ label: "Pieter Staff" });
  await page.locator("select[name=what]").selectOption({ label: "Car changed" });
  await page.locator("select[name=dealer]").selectOption({ label: "Auto Gent" });
  await page.getByRole("button", { name: "Filter" }).click();
  // The filters are in the URL, so the view can be shared.
  await expect(page).toHaveURL(/what=listing\.updated/);
  await expect(page).toHaveURL(/dealer=auto-gent/);
  const events = page.getByTestId("audit-event");
  await expect(events.filter({ hasText: `Pieter Staff changed the car ${reference}` })).toHaveCount(1);
  for (const text of await events.allInnerTexts()) expect(text).toMatch(/^Pieter Staff changed the car /);
  // No raw event keys or JSON unless asked for; asked for, it wraps inside its card.
  const first = events.first();
  await expect(first.locator("p").first()).not.toContainText("listing.updated");
  await expect(first.locator("pre")).toBeHidden();
  await first.getByText("Technical details").click();
  const raw = first.locator("pre");
  await expect(raw).toContainText('"event": "listing.updated"');
  const [card, json] = await Promise.all([first.boundingBox(), raw.boundingBox()]);
  expect(json!.x + json!.width).toBeLessThanOrEqual(card!.x + card!.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
