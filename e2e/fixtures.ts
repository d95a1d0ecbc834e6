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

export const test = base;
export { expect };
