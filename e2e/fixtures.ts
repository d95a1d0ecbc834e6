import { expect, test as base, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "forecourt-demo";

/** Signs in through the real login form and waits to leave it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Signs in whatever language the sign-in page speaks (the browser's locale decides it). */
export async function signInAnyLanguage(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export const test = base;
export { expect };

/** Adds a Blocket connection through the form on the current connections page, and waits for it to show as working. */
export async function addBlocketConnection(page: Page, c: { name: string; token: string; dealerCode: string; scope: "dealer_code" | "dealer_group" }) {
  await page.getByLabel("Marketplace").selectOption("BLOCKET");
  await page.getByLabel("API token").fill(c.token);
  await page.getByRole("button", { name: "Check token" }).click();
  await page.getByLabel("Connection name").fill(c.name);
  await page.getByLabel("Blocket dealer code").fill(c.dealerCode);
  await page.getByLabel("Token scope").selectOption(c.scope);
  await page.getByRole("button", { name: "Save connection" }).click();
  const row = page.getByTestId(`connection-${c.name}`);
  await expect(row.getByText("Working")).toBeVisible();
  return row;
}
