/**
 * The bell (issue #15 item 6) in Chromium: a dealer admin sees its count for a car that fails on
 * Okasie, opens it by keyboard, and follows the link to the car; the open bell fits a 390 px
 * phone and a 1440 px desk, in Dutch and Swedish. The failing car has a reference of its own
 * (nothing else counts it), is never live (no departure for the removal-hold spec), and the bell's
 * count is read from the route rather than assumed, since other specs may add notifications.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SHOTS = path.join("test-results", "screens");
const ref = `BELL${Date.now().toString(36).slice(-5).toUpperCase()}`;
const title = `Peugeot 208 ${ref}`;

interface Inbox { unread: number; items: { kind: string; cars: { reference: string }[] }[] }
const inbox = async (page: Page): Promise<Inbox> => (await page.request.get("/api/d/auto-gent/notifications")).json();

test("a dealer admin sees the bell count for a failing car, opens it by keyboard and follows the link to the car", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "owner@autogent.test");
  // A car priced in kronor: Okasie takes euros only, so its pre-flight fails when the import's sync runs.
  await page.goto("/d/auto-gent/listings/import");
  const csv = ["reference,title,status,make,model,year,price,currency,postalCode,city,province",
    `${ref},${title},active,Peugeot,208,2020,149000,SEK,9000,Gent,Oost-Vlaanderen`].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import 1 row" }).click();
  await expect(page.getByText("Written: 1 new and 0 changed.")).toBeVisible();

  await expect(async () => {
    const { items } = await inbox(page);
    expect(items.some((i) => i.kind === "LISTING_ERRORS" && i.cars.some((c) => c.reference === ref))).toBe(true);
  }).toPass({ timeout: 60_000 });

  await page.goto("/d/auto-gent");
  const { unread } = await inbox(page);
  expect(unread).toBeGreaterThan(0);
  const bell = page.getByRole("button", { name: new RegExp(`^Notifications, \\d+ new$`) });
  await expect(bell).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveText(/^\d+$/);

  // By keyboard: Enter opens, focus moves into the panel; Escape closes and focus returns.
  await bell.focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Needs attention" });
  await expect(panel).toBeVisible();
  await expect(panel).toBeFocused();
  await expect(bell).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell).toBeFocused();

  await page.keyboard.press("Space");
  await expect(panel).toBeVisible();
  const failing = panel.getByTestId("notification").filter({ hasText: ref });
  await expect(failing).toContainText("on “Okasie — Auto Gent Centrum”");
  const carLink = failing.getByRole("link", { name: title });
  for (let i = 0; i < 40 && !(await carLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(carLink).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/d\/auto-gent\/listings\/[^/?#]+$/);
  await expect(page.getByText(ref).first()).toBeVisible();
});

test("the open bell fits a 390 px phone and a 1440 px desk, in Dutch and Swedish", async ({ page, context }) => {
  await signIn(page, "owner@autogent.test");
  for (const language of ["nl", "sv"]) {
    await context.addCookies([{ name: "forecourt-lang", value: language, domain: "localhost", path: "/" }]);
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await page.goto("/d/auto-gent");
      await page.getByTestId("notification-bell").click();
      const panel = page.getByTestId("notification-panel");
      await expect(panel.getByTestId("notification").first()).toBeVisible();
      const box = (await panel.boundingBox())!;
      expect(box.x, `${language} ${width}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${language} ${width}`).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${language} ${width}`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(SHOTS, `bell-${language}-${width}.png`) });
    }
  }
  await context.clearCookies({ name: "forecourt-lang" });
});
