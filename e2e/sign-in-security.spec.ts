/**
 * Sign-in and sessions in a real browser against the production build (issue #11, items 1, 3, 4):
 * hostile callbackUrls, a copied cookie after a password reset, and throttling that a forged
 * X-Forwarded-For cannot get around.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const HOSTILE_CALLBACKS = ["x:/\\evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example", "%2F%2Fevil.example", "/.//evil.example", "https://evil.example/", "javascript:alert(1)"];

/** A user of their own (created by the platform admin through the admin pages), so tests never lock out the demo accounts. */
async function newUser(browser: Browser, label: string) {
  const admin = await browser.newPage();
  await signIn(admin, "admin@forecourt.test");
  const suffix = `${label}-${Date.now().toString(36)}`;
  const email = `${suffix}@security.test`;
  const password = `pw-${suffix}-long`;
  await admin.goto("/admin/users");
  await admin.getByLabel("Name").fill(`User ${suffix}`);
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Initial password").fill(password);
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByRole("heading", { name: `User ${suffix}` })).toBeVisible();
  return { admin, email, password, name: `User ${suffix}` };
}

async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a hostile callbackUrl never takes a freshly signed-in user to another site", async ({ browser }) => {
  test.setTimeout(180_000); // one sign-in per hostile value
  const { email, password } = await newUser(browser, "redirect");
  for (const callbackUrl of HOSTILE_CALLBACKS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await submitLogin(page, email, password);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect(page.url(), callbackUrl).toMatch(/^http:\/\/localhost:\d+\/(?!\/)/);
    await context.close();
  }
});

test("a copied session cookie stops working when an admin resets the password, also through /api/auth/session", async ({ browser }) => {
  const { admin, email, password, name } = await newUser(browser, "stolen");
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, email, password);
  const thief = await (await browser.newContext()).newPage();
  await thief.context().addCookies(await owner.context().cookies());
  await thief.goto("/");
  await expect(thief.getByTestId("current-user")).toHaveText(name);
  expect((await (await thief.request.get("/api/auth/session")).json())?.user?.id).toBeTruthy();

  await admin.getByLabel("New password").fill("a-new-password-123");
  await admin.getByRole("button", { name: "Reset password" }).click();
  await expect(admin.getByText("The user was signed out everywhere")).toBeVisible();

  const refresh = await thief.request.get("/api/auth/session");
  expect(await refresh.json()).toBeNull();
  expect(refresh.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=[^;]+;/);
  await thief.goto("/");
  await expect(thief).toHaveURL(/\/login/);
  await owner.goto("/");
  await expect(owner).toHaveURL(/\/login/);
});

test("a forged X-Forwarded-For does not buy more guesses: the sixth try is refused, even with the right password", async ({ browser }) => {
  const { email, password } = await newUser(browser, "throttle");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${i + 1}`, "x-forecourt-peer": `198.18.0.${i + 1}` });
    await submitLogin(page, email, `wrong-guess-${i}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/do not match/);
  }
  await context.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.99" });
  await submitLogin(page, email, password);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many sign-in attempts\. Wait \d+ minutes?/);
  await expect(page).toHaveURL(/\/login/);
});
