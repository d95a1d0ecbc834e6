/**
 * The app as the end-to-end tests see it: a fresh seeded database, the marketplace sandbox and
 * `next start` (run `next build` first). Started and stopped by Playwright's webServer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestDatabase } from "./lib/embedded-db";
import { WORKER_NODE_ARGS } from "./lib/worker-command";
import { startProcess, stopAll } from "./lib/processes";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const port = process.env.E2E_PORT ?? "3100";

process.env.AUTH_SECRET ??= "e2e-auth-secret-e2e-auth-secret-0123456789";
process.env.VAULT_KEYS ??= "e2e1:" + Buffer.alloc(32, 3).toString("base64");
process.env.SANDBOX_OKASIE_PORT ??= "4110";
process.env.SANDBOX_BLOCKET_PORT ??= "4120";
// The app runs as in production (next start), with the sandbox switched on for the tests.
process.env.SANDBOX_CONNECTIONS ??= "on";

const database = await startTestDatabase();
process.env.DATABASE_URL = database.url;
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/prisma/seed");
await seedDemo(db);
await db.$disconnect();

const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true", APP_URL: process.env.APP_URL ?? `http://localhost:${port}`, PHOTOS_PUBLIC_BASE_URL: process.env.PHOTOS_PUBLIC_BASE_URL ?? `http://localhost:${port}/media/photos` };
// Everything the servers print, for the tests that prove no token is ever logged.
export const logFile = path.join(ROOT, ".data", "e2e-server.log");
mkdirSync(path.dirname(logFile), { recursive: true });
writeFileSync(logFile, "");
startProcess("sandbox", bin("tsx"), ["sandbox/server.ts"], env, { logFile });
startProcess("worker", process.execPath, WORKER_NODE_ARGS, env, { logFile });
startProcess("web", bin("next"), ["start", "--port", port], env, { logFile });

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await stopAll();
  await database.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
