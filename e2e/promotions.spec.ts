/**
 * Paid promotions on Blocket, as a Swedish dealer uses them: the dealer's admin sets the monthly
 * budget and the agreed price; staff renew a car after reading that it costs money, the price and
 * what is left, confirm, and the car shows the promotion settled by Blocket's own log; a selection
 * that costs more than is left is refused before anything is sent. Every page on the way speaks
 * Swedish (no English word of ours).
 */
import type { Page } from "@playwright/test";
import { expect, signInAnyLanguage, test } from "./fixtures";
import { untranslated } from "./i18n-check";
import { englishOnly } from "./i18n-vocabulary";

const CONNECTION = "Blocket — Bilhuset Stockholm";
const english = englishOnly("sv");

async function speaksSwedish(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  expect(await untranslated(page, english, "bilhuset"), `English words of ours on ${page.url()}`).toEqual([]);
}

/** Waits until the car is live on Blocket (syncing Bilhuset's connection once, or joining a run another spec started). */
async function liveOnBlocket(page: Page, reference: string) {
  await page.goto("/d/bilhuset/syncs");
  const syncNow = page.getByTestId(`sync-card-${CONNECTION}`).getByRole("button", { name: "Synka nu" });
  if (await syncNow.isEnabled()) await syncNow.click();
  const row = page.getByRole("row", { name: new RegExp(reference) });
  await expect(async () => {
    await page.goto(`/d/bilhuset/listings?q=${reference.toLowerCase()}`);
    await expect(row).toContainText("Blocket: Ute", { timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  return row;
}

test.use({ locale: "sv-SE" });

test("a dealer admin sets the budget; staff renew a car after seeing the charge and confirming; the log settles it; over budget is refused", async ({ page, browser }) => {
  test.setTimeout(180_000);

  // Bilhuset gets an admin of its own (the platform admin adds her), who reads Swedish.
  const suffix = Date.now().toString(36);
  const email = `agnes-${suffix}@bilhuset.test`;
  const platform = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await signInAnyLanguage(platform, "admin@forecourt.test");
  await platform.goto("/admin/users");
  await platform.getByLabel("Name").fill(`Agnes Ägare ${suffix}`);
  await platform.getByLabel("E-mail").fill(email);
  await platform.getByLabel("Initial password").fill("agnes-initial-pw");
  await platform.getByLabel("Language").selectOption({ label: "Svenska" });
  await platform.getByRole("button", { name: "Create user" }).click();
  await expect(platform.getByRole("heading", { name: `Agnes Ägare ${suffix}` })).toBeVisible();
  await platform.getByLabel("Dealer").selectOption({ label: "Bilhuset Stockholm" });
  await platform.getByLabel("Role", { exact: true }).selectOption("ADMIN");
  await platform.getByRole("button", { name: "Add or change role" }).click();
  await expect(platform.getByRole("link", { name: "Bilhuset Stockholm" })).toBeVisible();
  await platform.context().close();

  // Staff cannot set the budget: the card shows it, without the form.
  await signInAnyLanguage(page, "staff@bilhuset.test");
  await page.goto("/d/bilhuset/settings");
  await expect(page.getByTestId("budget-SEK")).toContainText("Ingen budget angiven");
  await expect(page.getByTestId("budget-SEK").getByRole("button", { name: "Spara budgeten" })).toHaveCount(0);

  // The admin sets 150 kr a month and the renewal price from Bilhuset's agreement with Blocket.
  const admin = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signInAnyLanguage(admin, email, "agnes-initial-pw");
  await admin.goto("/d/bilhuset/settings");
  const budget = admin.getByTestId("budget-SEK");
  await budget.getByLabel("Månadsbudget").fill("150");
  await budget.getByLabel("Förnyelse på Blocket/Bytbil, per bil").fill("99");
  await budget.getByRole("button", { name: "Spara budgeten" }).click();
  await expect(budget.getByText("Budgeten är sparad.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId("budget-SEK")).toContainText(/0\skr använt av 150\skr/);
  await expect(admin.getByTestId("budget-SEK")).toContainText(/Förnyelse på Blocket\/Bytbil: 99\skr/);
  await speaksSwedish(admin);

  // Staff renew BH-2003 from the car page.
  const row = await liveOnBlocket(page, "BH-2003");
  await row.getByRole("link", { name: "BH-2003" }).click();
  const panel = page.getByTestId(`promotions-${CONNECTION}`);
  await expect(panel).toContainText("Kostar pengar");
  await speaksSwedish(page);
  await panel.getByRole("button", { name: "Förnya…" }).click();
  const dialog = page.getByTestId("promotion-dialog");
  // The charge is said first; then the price and where it comes from, the total and what is left this month.
  await expect(dialog.getByRole("note")).toContainText("Kostar pengar: Blocket/Bytbil tar betalt för varje förnyelse");
  await expect(dialog.getByTestId("promotion-total")).toHaveText(/^99\skr$/);
  await expect(dialog).toContainText("enligt ert avtal med Blocket/Bytbil");
  await expect(dialog).toContainText(/0\skr använt av 150\skr; 150\skr kvar/);
  await speaksSwedish(page);
  await dialog.getByRole("button", { name: /^Köp för 99\skr$/ }).click();
  await expect(dialog.getByRole("status")).toContainText("1 bil skickades till Blocket/Bytbil.");
  await dialog.getByRole("button", { name: "Stäng" }).click();

  // Blocket's log (mirrored by the status poll) settles it: the car shows the state, the price, who, and the log line.
  const entry = panel.getByTestId("promotion-entry").first();
  await expect(entry).toContainText("Förnyelse");
  await expect(entry).toContainText("Klart", { timeout: 60_000 });
  await expect(entry).toContainText("bump/done");
  await expect(entry).toContainText(/99\skr/);
  await expect(entry).toContainText("Av Sven Staff");
  await speaksSwedish(page);

  // The admin sees what was spent.
  await admin.reload();
  await expect(admin.getByTestId("budget-SEK")).toContainText(/99\skr använt av 150\skr/);

  // Two more cars from the grid cost 198 kr with 51 kr left: refused before anything is sent.
  await liveOnBlocket(page, "BH-2001");
  await page.goto("/d/bilhuset/listings?q=volvo");
  for (const reference of ["BH-2001", "BH-2002"]) {
    await page.getByRole("row", { name: new RegExp(reference) }).getByRole("checkbox").check();
  }
  const bar = page.getByRole("region", { name: "Åtgärder för markerade" });
  await bar.getByLabel("Betalt tillägg").selectOption("demo-blocket-bilhuset|bump");
  await bar.getByRole("button", { name: "Fortsätt…" }).click();
  const bulk = page.getByTestId("promotion-dialog");
  await expect(bulk.getByRole("note")).toContainText("Kostar pengar");
  await expect(bulk.getByTestId("promotion-total")).toHaveText(/^198\skr$/);
  await expect(bulk.getByRole("alert")).toContainText(/Över månadens budget: det här kostar 198\skr och 51\skr återstår\. Inte ens en bil ryms\./);
  await expect(bulk.getByRole("button", { name: /^Köp för/ })).toHaveCount(0);
  await speaksSwedish(page);
  await bulk.getByRole("button", { name: "Avbryt" }).click();

  // Nothing more was spent, and BH-2001 has no promotion.
  await admin.reload();
  await expect(admin.getByTestId("budget-SEK")).toContainText(/99\skr använt av 150\skr/);
  await page.goto("/d/bilhuset/listings?q=bh-2001");
  await page.getByRole("link", { name: "BH-2001" }).click();
  await expect(page.getByTestId(`promotions-${CONNECTION}`)).toContainText("Inga betalda tillägg än.");
});
