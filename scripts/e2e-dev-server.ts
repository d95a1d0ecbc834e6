/**
 * The development server as a developer runs it (`next dev`), on a fresh seeded database, for the
 * end-to-end test that reads its log (e2e/dev-log.spec.ts): no password or token may appear in
 * it. It uses the marketplace sandbox the main e2e server already runs (same SANDBOX_* URLs).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestDatabase } from "./lib/embedded-db";
import { startProcess, stopAll } from "./lib/processes";

const ROOT = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_DEV_PORT ?? "3105";

process.env.AUTH_SECRET ??= "e2e-dev-auth-secret-e2e-dev-auth-secret-0123";
process.env.VAULT_KEYS ??= "e2e1:" + Buffer.alloc(32, 3).toString("base64");
process.env.SANDBOX_OKASIE_PORT ??= "4110";
process.env.SANDBOX_BLOCKET_PORT ??= "4120";
process.env.SANDBOX_CONNECTIONS ??= "on";

const database = await startTestDatabase();
process.env.DATABASE_URL = database.url;
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/prisma/seed");
await seedDemo(db);
await db.$disconnect();

export const logFile = path.join(ROOT, ".data", "e2e-dev-server.log");
mkdirSync(path.dirname(logFile), { recursive: true });
writeFileSync(logFile, "");
const env = { ...process.env, NODE_ENV: "development" as const, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true" };
startProcess("web", path.join(ROOT, "node_modules", ".bin", "next"), ["dev", "--port", port, "--hostname", "localhost"], env, { logFile });

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
