import { expect, signIn, test } from "./fixtures";

test("staff press Sync now on Blocket, watch it finish, and read a Blocket ad's log", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "staff@bilhuset.test");
  await page.goto("/d/bilhuset/syncs");
  const card = page.getByTestId("sync-card-Blocket — Bilhuset Stockholm");
  await card.getByRole("button", { name: "Sync now" }).click();
  // The bar follows the connection's run until every ad is checked. (If a push after a save was
  // already under way, "Sync now" joins it rather than starting a second run.)
  const bar = card.getByRole("progressbar");
  await expect(bar).toBeVisible();
  const newest = page.getByRole("table").getByRole("row").nth(1);
  await expect(newest).toContainText(/Sync now|After a save/, { timeout: 60_000 });
  await expect(newest).toContainText("Done", { timeout: 60_000 });
  await expect.poll(async () => {
    const [now, max] = await Promise.all([bar.getAttribute("aria-valuenow"), bar.getAttribute("aria-valuemax")]);
    return Number(max) >= 4 && now === max;
  }).toBe(true);

  // Accepted by Blocket first, live once its log says published: the status poll follows it.
  const volvo = page.getByRole("row", { name: /BH-2001/ });
  await expect(async () => {
    await page.goto("/d/bilhuset/listings?q=bh-2001");
    await expect(volvo).toContainText("Blocket: Live", { timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  await volvo.getByRole("link", { name: "BH-2001" }).click();
  await expect(page.getByTestId("publication-Blocket — Bilhuset Stockholm")).toContainText("Live");
  await page.getByRole("link", { name: "Activity" }).last().click();
  const log = page.getByTestId("activity-entry").filter({ hasText: "Blocket — Bilhuset Stockholm log" });
  await expect(log.filter({ hasText: "publish" }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("activity-entry").filter({ hasText: "Create on Blocket" }).first()).toBeVisible();
});

test("an Okasie warning about a photo shows on the ad's activity", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "staff@autogent.test");
  await page.goto("/d/auto-gent/listings?q=ag-1002");
  await page.getByRole("link", { name: "AG-1002" }).click();
  await page.getByLabel("Add a photo by its address").fill("https://images.forecourt.test/demo/corsa/unreachable.jpg?sim_fail=1");
  await page.getByRole("button", { name: "Add photo" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.goto("/d/auto-gent/syncs");
  const card = page.getByTestId("sync-card-Okasie — Auto Gent Centrum");
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByText(/Done|Done with errors/)).toBeVisible({ timeout: 60_000 });

  await page.goto("/d/auto-gent/activity?marketplace=OKASIE");
  const entry = page.getByTestId("activity-entry").filter({ hasText: "AG-1002" }).filter({ hasText: "could not be downloaded" });
  await expect(entry.first()).toBeVisible({ timeout: 30_000 });
  await expect(entry.first()).toContainText("unreachable.jpg");
});
