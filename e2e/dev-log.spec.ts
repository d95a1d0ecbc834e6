/**
 * No secret in the development server's log (issue #11, item 7): `next dev` used to print every
 * server action's arguments — `loginAction({"password":…})`, `rotateTokenAction({"token":…})`.
 * This starts a real `next dev` (scripts/e2e-dev-server.ts), signs in (once wrongly), adds and
 * rotates a marketplace token through the pages, and reads everything the dev server printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Frame, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const port = Number(process.env.E2E_DEV_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 5);
const origin = `http://localhost:${port}`;
const LOG = ".data/e2e-dev-server.log";
const SECRETS = ["forecourt-demo", "wrong-password-7f3a", "okasie-sandbox-token", "okasie-readonly-token"];

let server: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = spawn("node_modules/.bin/tsx", ["scripts/e2e-dev-server.ts"], { env: { ...process.env, E2E_DEV_PORT: String(port) }, stdio: "ignore", detached: true });
  const deadline = Date.now() + 220_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error("the dev server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (server?.pid) {
    try { process.kill(-server.pid, "SIGTERM"); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 3000));
  }
});

/** Opens a page and waits until the dev server has stopped compiling and reloading it. */
async function openSettled(page: Page, url: string) {
  let lastNavigation = Date.now();
  const onNavigate = (frame: Frame) => { if (frame === page.mainFrame()) lastNavigation = Date.now(); };
  page.on("framenavigated", onNavigate);
  await page.goto(url, { timeout: 120_000 });
  await expect.poll(() => Date.now() - lastNavigation, { timeout: 120_000 }).toBeGreaterThan(4000);
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber")));
  page.off("framenavigated", onNavigate);
}

test("the dev server's log holds no password and no marketplace token", async ({ page }) => {
  test.setTimeout(360_000);
  await openSettled(page, `${origin}/login`);
  await expect(async () => {
    await page.getByLabel("E-mail").fill("owner@autogent.test");
    await page.getByLabel("Password").fill("wrong-password-7f3a");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("do not match", { timeout: 15_000 });
  }).toPass({ timeout: 120_000 });
  await page.getByLabel("E-mail").fill("owner@autogent.test");
  await page.getByLabel("Password").fill("forecourt-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}/d/auto-gent`, { timeout: 120_000 });

  await openSettled(page, `${origin}/d/auto-gent/settings/connections`);
  const row = page.getByTestId("connection-Okasie — Auto Gent Centrum");
  await row.getByRole("button", { name: "Rotate token" }).click();
  await row.getByLabel("New token for Okasie — Auto Gent Centrum").fill("okasie-readonly-token");
  await row.getByRole("button", { name: "Save new token" }).click();
  await expect(row.getByRole("alert").or(row.getByText("Token rotated."))).toBeVisible({ timeout: 60_000 });
  await row.getByLabel("New token for Okasie — Auto Gent Centrum").fill("okasie-sandbox-token");
  await row.getByRole("button", { name: "Save new token" }).click();
  await expect(row.getByText("Token rotated.")).toBeVisible({ timeout: 60_000 });

  const log = readFileSync(LOG, "utf8");
  // The log is live: it shows the requests that carried the secrets…
  expect(log).toMatch(/POST \/login/);
  expect(log).toMatch(/POST \/d\/auto-gent\/settings\/connections/);
  // …and none of the secrets themselves.
  for (const secret of SECRETS) expect(log, `the dev log contains ${secret}`).not.toContain(secret);
});
