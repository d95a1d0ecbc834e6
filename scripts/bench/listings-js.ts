/**
 * `npm run bench -- listings-js`: the listings page's first-load JavaScript, as a browser gets it.
 * Builds the app if needed, starts it (scripts/e2e-server.ts), signs in with Chromium, opens
 * /d/auto-gent/listings and sums every JavaScript file it downloads, gzipped (level 9, as a
 * server would compress it). Budget: 180 kB.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { waitForUrl } from "../lib/processes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PORT = 3300;

export default async function run() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], { stdio: "inherit", cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const server = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/e2e-server.ts"], {
    cwd: ROOT, detached: true, stdio: "ignore",
    env: { ...process.env, E2E_PORT: String(PORT), SANDBOX_OKASIE_PORT: "4310", SANDBOX_BLOCKET_PORT: "4320" },
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    await waitForUrl(`http://localhost:${PORT}/api/health`, 120_000);
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/login`);
    await page.getByLabel("E-mail").fill("staff@autogent.test");
    await page.getByLabel("Password").fill("forecourt-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));

    const scripts = new Map<string, number>();
    // A fresh context (empty cache) with the session cookie: a first visit to the page.
    const fresh = await browser.newContext({ storageState: await page.context().storageState() });
    const listings = await fresh.newPage();
    listings.on("response", async (res) => {
      if (res.request().resourceType() !== "script") return;
      try {
        scripts.set(res.url(), gzipSync(await res.body(), { level: 9 }).length);
      } catch { /* not a body */ }
    });
    await listings.goto(`http://localhost:${PORT}/d/auto-gent/listings`, { waitUntil: "networkidle" });
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ bench: "listings-first-load-js", gzipKb: Math.round(total / 102.4) / 10, scripts: scripts.size, budgetKb: 180, measured: "sum of gzip -9 of every script Chromium loads for /d/auto-gent/listings on a fresh context (next build)" }));
  } finally {
    await browser.close();
    try { process.kill(-server.pid!, "SIGTERM"); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 3000));
  }
}
