/**
 * The dashboard on a phone (390 × 844): no dealer page scrolls sideways, in Dutch (the longest words),
 * French and Swedish; the grid is a list of cards; the navigation is a menu that works with the keyboard;
 * the editor's Save and pre-flight summary stay at hand.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signInAnyLanguage, test } from "./fixtures";

const SHOTS = path.join("test-results", "screens");
const PHONE = { width: 390, height: 844 };

/** Every page a dealer's admin reaches, the car's own pages included. */
async function dealerPages(page: Page, dealer: string) {
  await page.goto(`/d/${dealer}/listings`);
  const href = await page.getByTestId("listing-card").first().getByRole("link").last().getAttribute("href");
  expect(href).toMatch(new RegExp(`^/d/${dealer}/listings/[^/]+$`));
  return [
    `/d/${dealer}`, `/d/${dealer}/listings`, `/d/${dealer}/listings/new`, `/d/${dealer}/listings/import`, href!, `${href}?tab=activity`,
    `/d/${dealer}/syncs`, `/d/${dealer}/activity`, `/d/${dealer}/settings`, `/d/${dealer}/settings/connections`, `/d/${dealer}/settings/team`, "/profile",
  ];
}

async function expectNoSidewaysScroll(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${url} is ${scrollWidth} px wide on a ${innerWidth} px phone`).toBeLessThanOrEqual(innerWidth);
}

for (const { locale, email, dealer } of [
  { locale: "nl-BE", email: "owner@autogent.test", dealer: "auto-gent" },
  { locale: "fr-BE", email: "owner@autogent.test", dealer: "auto-gent" },
  { locale: "sv-SE", email: "admin@forecourt.test", dealer: "bilhuset" },
]) {
  test.describe(`on a phone in ${locale}`, () => {
    test.use({ locale, viewport: PHONE, hasTouch: true, isMobile: true });

    test("no dealer page scrolls sideways", async ({ page }) => {
      test.setTimeout(120_000);
      await signInAnyLanguage(page, email);
      for (const url of await dealerPages(page, dealer)) await expectNoSidewaysScroll(page, url);
    });
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("the grid is cards, the menu works by keyboard, and the editor keeps Save and the checks in reach", async ({ page }) => {
    test.setTimeout(90_000);
    await signInAnyLanguage(page, "staff@autogent.test");
    await page.goto("/d/auto-gent/listings");
    const card = page.getByTestId("listing-card").first();
    await expect(card).toBeVisible();
    await expect(card.locator("[data-testid=car-thumbnail], [data-testid=car-thumbnail-none]")).toBeVisible();
    await expect(card.getByText(/Okasie:/).first()).toBeVisible();
    await expect(page.getByRole("table")).toBeHidden();
    await page.screenshot({ path: path.join(SHOTS, "listings-390.png"), fullPage: true });

    // The navigation is one menu; the keyboard opens it and follows a link.
    await expect(page.getByRole("link", { name: "Syncs" })).toBeHidden();
    const menu = page.getByTestId("mobile-menu").locator("summary");
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("link", { name: "Syncs" })).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, "menu-390.png") });
    await page.getByRole("link", { name: "Activity" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/d\/auto-gent\/activity$/);
    await expect(page.getByRole("link", { name: "Syncs" })).toBeHidden();

    // The editor: Save and the pre-flight summary are on screen at the top of a long form and at its middle.
    await page.goto("/d/auto-gent/listings/new");
    const bar = page.getByTestId("editor-sticky-bar");
    const save = bar.getByRole("button", { name: "Create car" });
    await expect(save).toBeInViewport();
    await page.getByLabel("Fuel").scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport();
    await expect(bar.getByRole("link")).toBeInViewport();
    await expect(page.locator("input[capture=environment]")).toHaveCount(1);
    await page.screenshot({ path: path.join(SHOTS, "editor-390.png") });
    await bar.getByRole("link").click();
    await expect(page.locator("#editor-checks")).toBeInViewport();
  });
});

/** The platform admin's pages, reached by following the links a person would. */
async function adminPages(page: Page) {
  await page.goto("/admin/dealers");
  const dealer = await page.getByRole("link", { name: "Auto Gent" }).first().getAttribute("href");
  await page.goto("/admin/users");
  const user = await page.locator("main a[href^='/admin/users/']").first().getAttribute("href");
  return ["/admin/dealers", dealer!, `${dealer}/connections`, "/admin/users", user!, "/admin/audit"];
}

// Swedish only: the admin pages are the same in every language, and i18n-pages checks their words.
for (const locale of ["sv-SE"]) {
  test.describe(`the admin on a phone in ${locale}`, () => {
    test.use({ locale, viewport: PHONE, hasTouch: true, isMobile: true });

    test("no admin page scrolls sideways; tables become one block per row with each column named", async ({ page }) => {
      test.setTimeout(120_000);
      await signInAnyLanguage(page, "admin@forecourt.test");
      for (const url of await adminPages(page)) await expectNoSidewaysScroll(page, url);
      await page.goto("/admin/dealers");
      await expect(page.locator("thead").first()).toBeHidden();
      const firstCell = page.locator("tbody td[data-label]").first();
      const label = await firstCell.getAttribute("data-label");
      expect(label).toBeTruthy();
      // The column's name is drawn before the value on a phone.
      expect(await firstCell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe(`"${label}"`);
      await page.screenshot({ path: path.join(SHOTS, `admin-dealers-390-${locale}.png`), fullPage: true });
    });
  });
}
