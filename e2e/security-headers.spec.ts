/**
 * Security headers on the production build (issue #11, item 5), and every page still working in
 * Chromium with the Content-Security-Policy on: its scripts run (nonce), it hydrates, and the
 * browser reports no CSP violation. The page list is checked against app/**\/page.tsx, so a new
 * page without an entry here fails the test.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

/** Every page route, with who opens it and how to reach a concrete URL. */
const PAGES: Record<string, { user: string | null; url: (page: Page) => Promise<string> }> = {
  "/login": { user: null, url: async () => "/login" },
  "/": { user: "staff@bilhuset.test", url: async () => "/" },
  "/admin": { user: "admin@forecourt.test", url: async () => "/admin" },
  "/admin/audit": { user: "admin@forecourt.test", url: async () => "/admin/audit" },
  "/admin/dealers": { user: "admin@forecourt.test", url: async () => "/admin/dealers" },
  "/admin/dealers/[id]": { user: "admin@forecourt.test", url: (page) => hrefOf(page, "/admin/dealers", "Auto Gent") },
  "/admin/dealers/[id]/connections": { user: "admin@forecourt.test", url: async (page) => `${await hrefOf(page, "/admin/dealers", "Auto Gent")}/connections` },
  "/admin/users": { user: "admin@forecourt.test", url: async () => "/admin/users" },
  "/admin/users/[id]": { user: "admin@forecourt.test", url: (page) => hrefOf(page, "/admin/users", "Pieter Staff") },
  "/d/[dealer]": { user: "owner@autogent.test", url: async () => "/d/auto-gent" },
  "/d/[dealer]/activity": { user: "owner@autogent.test", url: async () => "/d/auto-gent/activity" },
  "/d/[dealer]/listings": { user: "owner@autogent.test", url: async () => "/d/auto-gent/listings" },
  "/d/[dealer]/listings/[id]": { user: "owner@autogent.test", url: (page) => hrefOf(page, "/d/auto-gent/listings", /AG-1001/) },
  "/d/[dealer]/listings/import": { user: "owner@autogent.test", url: async () => "/d/auto-gent/listings/import" },
  "/d/[dealer]/listings/new": { user: "owner@autogent.test", url: async () => "/d/auto-gent/listings/new" },
  "/d/[dealer]/settings": { user: "owner@autogent.test", url: async () => "/d/auto-gent/settings" },
  "/d/[dealer]/settings/audit": { user: "owner@autogent.test", url: async () => "/d/auto-gent/settings/audit" },
  "/d/[dealer]/settings/connections": { user: "owner@autogent.test", url: async () => "/d/auto-gent/settings/connections" },
  "/d/[dealer]/settings/connections/[id]/enrol": { user: "owner@autogent.test", url: async () => "/d/auto-gent/settings/connections/demo-okasie-auto-gent/enrol" },
  "/d/[dealer]/settings/team": { user: "owner@autogent.test", url: async () => "/d/auto-gent/settings/team" },
  "/d/[dealer]/syncs": { user: "owner@autogent.test", url: async () => "/d/auto-gent/syncs" },
  "/profile": { user: "viewer@autogent.test", url: async () => "/profile" },
};

async function hrefOf(page: Page, listUrl: string, name: string | RegExp) {
  await page.goto(listUrl);
  const href = await page.getByRole("link", { name }).first().getAttribute("href");
  if (!href) throw new Error(`no link ${name} on ${listUrl}`);
  return href;
}

/** Route patterns of every page.tsx under app/ (route groups dropped). */
function pageRoutes(dir = "app", prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("_") || entry.startsWith("@")) continue;
      out.push(...pageRoutes(full, /^\(.*\)$/.test(entry) ? prefix : `${prefix}/${entry}`));
    } else if (entry === "page.tsx") out.push(prefix || "/");
  }
  return out;
}

/** Collects CSP violations and script errors of a page from its first script on. */
async function watch(page: Page) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

test("every page is listed here", () => {
  expect(pageRoutes().sort()).toEqual(Object.keys(PAGES).sort());
});

test("responses carry the security headers, with a fresh nonce and no unsafe-eval", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toBe(second.headers()["content-security-policy"]);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const html = await first.text();
  expect(html).toContain(`nonce="${nonce}"`); // Next.js put it on its scripts

  for (const response of [first, await request.get("/api/health"), await request.get("/d/auto-gent", { maxRedirects: 0 })]) {
    const h = response.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  }
  // Static files too (nosniff matters most for scripts).
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
  const asset = await request.get(script);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  expect(asset.headers()["strict-transport-security"]).toBeTruthy();
});

for (const [route, { user, url }] of Object.entries(PAGES)) {
  test(`${route} works with the CSP on`, async ({ page }) => {
    if (user) await signIn(page, user);
    const target = await url(page);
    const problems = await watch(page);
    const response = await page.goto(target);
    expect(response?.status()).toBeLessThan(400);
    // Next's bootstrap ran (its scripts carry the nonce) and React hydrated the page.
    await page.waitForFunction(() => !!(window as unknown as { next?: unknown }).next);
    await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber")));
    await page.waitForTimeout(1500); // late work (charts, polling) gets its chance to be refused
    const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect([...problems, ...violations]).toEqual([]);
  });
}
