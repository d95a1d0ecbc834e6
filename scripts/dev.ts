/**
 * `npm run dev`: everything a newcomer needs, in one command — the embedded database (or
 * DATABASE_URL), migrations, the demo seed when the database is empty, the marketplace sandbox,
 * a mail catcher (alert mails land there, readable on a local page, unless SMTP_URL is set),
 * the sync worker, and the Next.js dev server on PORT (default 3000). Ctrl-C stops all of it cleanly.
 *
 * The dev server listens on this machine only (localhost): the demo accounts have a published
 * password. To try it from a phone on the same network, set FORECOURT_DEV_HOST=0.0.0.0; while a
 * demo account still has the demo password that is refused unless you add --expose-demo-accounts.
 *
 * `npm run dev -- --realistic` (or SANDBOX_TIMING=realistic) makes the sandbox answer with
 * production-like timing: Blocket processing of seconds, Okasie latency.
 */
import path from "node:path";
import { startDevDatabase } from "./lib/embedded-db";
import { loadLocalSecrets } from "./lib/local-env";
import { WORKER_NODE_ARGS } from "./lib/worker-command";
import { startProcess, stopAll } from "./lib/processes";
import { startMailCatcher, type MailCatcher } from "./lib/mail-catcher";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const port = process.env.PORT ?? "3000";
const host = process.env.FORECOURT_DEV_HOST || "localhost";
const loopbackOnly = ["localhost", "127.0.0.1", "::1"].includes(host);
const exposeDemo = process.argv.includes("--expose-demo-accounts");
if (process.argv.includes("--realistic")) process.env.SANDBOX_TIMING = "realistic";

loadLocalSecrets();
console.log("Starting the database…");
const database = await startDevDatabase();
process.env.DATABASE_URL = database.url;

const { db } = await import("@/lib/db");
const { alignDemoConnections, demoPasswordsInUse, demoSeedRefusal, isEmpty, seedDemo } = await import("@/prisma/seed");
if (await isEmpty(db)) {
  const refusal = await demoSeedRefusal(db, database.url);
  if (refusal) {
    console.log(`Empty database, but not loading the demo data: ${refusal}. (npm run db:seed -- --force loads it anyway.)`);
  } else {
    console.log("Empty database: loading the demo data…");
    await seedDemo(db);
  }
} else if (await alignDemoConnections(db)) {
  console.log("The demo sandbox connections now point at this checkout's simulators (SANDBOX_OKASIE_PORT / SANDBOX_BLOCKET_PORT).");
}
if (!loopbackOnly && !exposeDemo && (await demoPasswordsInUse(db))) {
  console.error(
    `FORECOURT_DEV_HOST=${host} would let anyone on your network sign in with the demo accounts (password: forecourt-demo).\n` +
      "Change their passwords first, or, on a network you trust, run: npm run dev -- --expose-demo-accounts",
  );
  await db.$disconnect();
  await database.stop();
  process.exit(2);
}
await db.$disconnect();

// Alert mails go to a local catcher (fixed ports when free, others when a second checkout runs).
let mailCatcher: MailCatcher | null = null;
if (!process.env.SMTP_URL) {
  const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
  const webPort = Number(process.env.MAIL_CATCHER_WEB_PORT ?? 1080);
  mailCatcher = await startMailCatcher({ smtpPort, webPort, web: true }).catch(() => startMailCatcher({ web: true }));
  process.env.SMTP_URL = mailCatcher.smtpUrl;
}
process.env.APP_URL ??= `http://localhost:${port}`;

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true" };
if (process.env.FORECOURT_SANDBOX !== "off") startProcess("sandbox", bin("tsx"), ["sandbox/server.ts"], env);
startProcess("worker", process.execPath, WORKER_NODE_ARGS, env);
const web = startProcess("web", bin("next"), ["dev", "--port", port, "--hostname", host], env);

console.log(`\nForecourt: http://localhost:${port}  (sign in as admin@forecourt.test / forecourt-demo)${loopbackOnly ? "" : `\nListening on ${host}: reachable from your network.`}`);
if (mailCatcher) console.log(`Mails:     ${mailCatcher.webUrl}  (alert e-mails are caught here, never delivered)`);
console.log("");

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping…");
  await stopAll();
  await mailCatcher?.stop();
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
web.on("exit", (code) => void shutdown(code ?? 0));
