import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    // Auth.js builds redirects for `localhost`; browse through it so cookies match.
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /(dev-log|connections|enrolment)\.spec\.ts/ },
    // Adds a second Okasie connection to Auto Gent, which every later sync of that dealer then
    // publishes to: it runs after the specs that count Auto Gent's ads and badges.
    // enrolment.spec.ts adds a connection too (to a dealer of its own), so it runs here as well.
    { name: "connections", use: { ...devices["Desktop Chrome"] }, testMatch: /(connections|enrolment)\.spec\.ts/, dependencies: ["chromium"] },
    // A real `next dev` watches the project folder: while other tests write files into it (traces,
    // photos), it keeps recompiling and reloading. It runs alone, after the rest.
    { name: "dev-server", use: { ...devices["Desktop Chrome"] }, testMatch: /dev-log\.spec\.ts/, dependencies: ["connections"] },
  ],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
