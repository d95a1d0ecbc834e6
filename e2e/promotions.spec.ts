import { expect, signIn, test } from "./fixtures";

test("an admin sets the promotion budget; staff renew a car on Blocket after seeing the charge, price and budget; the car shows it done", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@forecourt.test");
  await page.goto("/d/bilhuset/settings");
  const budget = page.getByTestId("budget-SEK");
  await expect(budget).toContainText("No budget set");
  await budget.getByLabel("Monthly budget").fill("1000");
  await budget.getByLabel("Renewal (bump) on Blocket/Bytbil, per car").fill("99");
  await budget.getByRole("button", { name: "Save the budget" }).click();
  await expect(budget.getByText("Budget saved.")).toBeVisible();

  const staff = await browser.newPage();
  await signIn(staff, "staff@bilhuset.test");
  // The car must be live on Blocket first (another spec may already be syncing this connection: then it joins that run).
  await staff.goto("/d/bilhuset/syncs");
  const syncNow = staff.getByTestId("sync-card-Blocket — Bilhuset Stockholm").getByRole("button", { name: "Sync now" });
  if (await syncNow.isEnabled()) await syncNow.click();
  const row = staff.getByRole("row", { name: /BH-2003/ });
  await expect(async () => {
    await staff.goto("/d/bilhuset/listings?q=bh-2003");
    await expect(row).toContainText("Blocket: Live", { timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  await row.getByRole("link", { name: "BH-2003" }).click();
  const panel = staff.getByTestId("promotions-Blocket — Bilhuset Stockholm");
  await expect(panel).toContainText("Charges apply");
  await panel.getByRole("button", { name: "Renew…" }).click();
  const dialog = staff.getByTestId("promotion-dialog");
  // The charge is said before anything else; then the price, the total and what is left this month.
  await expect(dialog.getByRole("note")).toContainText("Charges apply: Blocket/Bytbil bills every renewal");
  await expect(dialog.getByTestId("promotion-total")).toContainText("99");
  await expect(dialog).toContainText("from your agreement with Blocket/Bytbil");
  await expect(dialog).toContainText(/spent of SEK\s?1,000/);
  await dialog.getByRole("button", { name: /^Buy for/ }).click();
  await expect(dialog.getByRole("status")).toContainText("1 car sent to Blocket/Bytbil.");
  await dialog.getByRole("button", { name: "Close" }).click();

  // Blocket's log (mirrored by the status poll) settles it; the car shows the state and the log lines.
  const entry = panel.getByTestId("promotion-entry").first();
  await expect(entry).toContainText("Renewal (bump)");
  await expect(entry).toContainText("Done", { timeout: 60_000 });
  await expect(entry).toContainText("bump/done");
  await expect(entry).toContainText("By Sven Staff");
});
