/**
 * Complete by construction: every page, rendered in Dutch, French and Swedish, shows no English
 * word of ours — in its text, its screen-reader text, its labels, placeholders and tooltips, and
 * its title. (Quoted data — a marketplace's own message, an image address — is marked
 * `data-verbatim` and left out.)
 */
import type { Browser, Page } from "@playwright/test";
import { expect, signInAnyLanguage, test } from "./fixtures";
import { getWithRetry, untranslated } from "./i18n-check";
import { englishOnly } from "./i18n-vocabulary";

const LOCALES = { nl: "nl-BE", fr: "fr-BE", sv: "sv-SE" } as const;

async function check(page: Page, url: string, english: Set<string>, locale: string, problems: Record<string, string[]>) {
  if (url !== page.url()) await page.goto(url);
  // Client components fetch after hydration; pages that poll while a sync runs never fall idle.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  const words = await untranslated(page, english, "auto-gent");
  if (words.length) problems[new URL(page.url()).pathname + new URL(page.url()).search] = words;
}

async function visitAll(browser: Browser, language: keyof typeof LOCALES) {
  const locale = LOCALES[language];
  const english = englishOnly(language);
  const problems: Record<string, string[]> = {};
  const context = await browser.newContext({ locale });
  const page = await context.newPage();

  await check(page, "/login", english, locale, problems);
  await check(page, "/d/no-such-dealer", english, locale, problems); // not found, signed out: the sign-in page

  // A dealer's admin sees every dealer page with every control, after a sync has run (so the
  // syncs and activity pages show runs, counts and marketplace answers).
  await signInAnyLanguage(page, "owner@autogent.test");
  await page.goto("/d/auto-gent/syncs");
  const card = page.getByTestId("sync-card-Okasie — Auto Gent Centrum");
  await card.getByRole("button").first().click();
  await expect.poll(async () => {
    const overview = (await (await getWithRetry(page, "/api/d/auto-gent/syncs")).json()) as { runs: { status: string }[] };
    return overview.runs.length > 0 && !["QUEUED", "RUNNING"].includes(overview.runs[0]!.status);
  }, { timeout: 90_000 }).toBe(true);
  for (const path of ["/d/auto-gent", "/d/auto-gent/listings", "/d/auto-gent/listings?status=draft", "/d/auto-gent/listings/new", "/d/auto-gent/listings/import",
    "/d/auto-gent/syncs", "/d/auto-gent/activity", "/d/auto-gent/settings", "/d/auto-gent/settings/connections", "/d/auto-gent/settings/audit",
    "/d/auto-gent/settings/connections/demo-okasie-auto-gent/enrol", "/profile", "/d/no-such-dealer"]) {
    await check(page, path, english, locale, problems);
  }
  // The editor while typing: numbers read back, a doubtful price, pre-flight problems.
  await page.goto("/d/auto-gent/listings/new");
  await page.locator("input[name='listing.price']").fill("12");
  await page.locator("input[name='listing.mileage']").fill("50");
  await expect(page.getByTestId("plausibility")).toBeVisible();
  await check(page, page.url(), english, locale, problems);
  await page.goto("/d/auto-gent/listings?q=ag-1003");
  await page.getByRole("link", { name: "AG-1003" }).click();
  await page.waitForURL(/\/listings\/[^/?]+$/);
  const car = page.url();
  await check(page, car, english, locale, problems);
  await check(page, `${car}?tab=activity`, english, locale, problems);
  // A draft without a price or photos: the editor's pre-flight and plausibility panels speak too.
  await page.goto("/d/auto-gent/listings?q=ag-1005");
  await page.getByRole("link", { name: "AG-1005" }).click();
  await page.waitForURL(/\/listings\/[^/?]+$/);
  await check(page, page.url(), english, locale, problems);
  await context.clearCookies();

  // A platform admin's pages.
  await signInAnyLanguage(page, "admin@forecourt.test");
  for (const path of ["/admin/dealers", "/admin/users", "/admin/audit"]) await check(page, path, english, locale, problems);
  await page.goto("/admin/dealers");
  await page.getByRole("link", { name: "Auto Gent", exact: true }).click();
  await page.waitForURL(/\/admin\/dealers\/[^/]+$/);
  const dealer = page.url();
  await check(page, dealer, english, locale, problems);
  await check(page, `${dealer}/connections`, english, locale, problems);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Pieter Staff" }).click();
  await page.waitForURL(/\/admin\/users\/[^/]+$/);
  await check(page, page.url(), english, locale, problems);

  await context.close();
  return problems;
}

for (const language of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
  test(`every page in ${language} is free of untranslated English`, async ({ browser }) => {
    test.setTimeout(360_000);
    const problems = await visitAll(browser, language);
    expect(problems, "English words of ours on these pages (word ← text)").toEqual({});
  });
}
