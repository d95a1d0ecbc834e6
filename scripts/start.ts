/**
 * Production start (docs/operations.md), after `npm run build`:
 *
 *   npm start                 web server and worker together (one machine)
 *   npm run start:web         the web server alone   } for scale-out: run any number of each
 *   npm run start:worker      the worker alone       } against one PostgreSQL
 *
 * It checks the environment first and refuses to start, naming each missing or malformed
 * variable, rather than fail later at the first request. With `--migrate` (or
 * FORECOURT_MIGRATE_ON_START=1) it applies pending migrations before starting. When one process
 * of `npm start` exits, the other is stopped too and the command exits non-zero, so a supervisor
 * (systemd, Docker's restart policy) restarts the pair.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { WORKER_NODE_ARGS } from "./lib/worker-command";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const args = process.argv.slice(2);
const role = args.find((a) => a === "web" || a === "worker") ?? "all";
const migrateFirst = args.includes("--migrate") || process.env.FORECOURT_MIGRATE_ON_START === "1";

Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { env } = await import("@/lib/env");
const { logFor } = await import("@/lib/log");
const log = logFor("start");

let settings: ReturnType<typeof env>;
try {
  settings = env();
} catch (err) {
  // Plain text on stderr: this is read by a person setting the server up.
  console.error(`Forecourt cannot start.\n${(err as Error).message}`);
  process.exit(1);
}
if (role !== "worker" && !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  console.error("Forecourt cannot start: there is no production build. Run `npm run build` first.");
  process.exit(1);
}

// Auth.js builds its callback URLs from AUTH_URL and trusts that host; the app's public URL is it.
process.env.AUTH_URL ??= settings.APP_URL;
const port = process.env.PORT ?? "3000";

if (migrateFirst) {
  log.info("applying database migrations");
  const { migrate } = await import("./lib/embedded-db");
  try {
    await migrate(settings.DATABASE_URL);
  } catch (err) {
    console.error(`Forecourt cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  log.info("database is up to date");
}

const children = new Map<string, ChildProcess>();
let stopping = false;

function start(name: string, command: string, commandArgs: string[]) {
  const child = spawn(command, commandArgs, { cwd: ROOT, env: process.env, stdio: "inherit" });
  children.set(name, child);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (stopping) return;
    log.error({ process: name, code, signal }, "a Forecourt process stopped; stopping the others");
    void shutdown(code || 1);
  });
  log.info({ process: name, pid: child.pid }, "started");
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  const waits = [...children.values()].map((child) => new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => { child.kill("SIGKILL"); resolve(); }, 35_000).unref(); // the worker finishes its jobs for up to 30 s
  }));
  await Promise.all(waits);
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

if (role !== "worker") start("web", bin("next"), ["start", "--port", port]);
if (role !== "web") start("worker", process.execPath, WORKER_NODE_ARGS);
log.info({ role, url: settings.APP_URL, port }, "Forecourt is starting");
