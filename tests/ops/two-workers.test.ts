/**
 * Scale-out correctness (not speed): two real worker processes (scripts/worker.ts) on one
 * PostgreSQL sync four dealers that share one Okasie token. Each run executes once, the shared
 * rate budget holds across both processes (the sandbox enforces Okasie's documented limits and
 * never answers 429) with requests at the lower bound, and killing one worker mid-run loses nothing: the other resumes its runs.
 */
import "../sync/env";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db, databaseUrl, stopFreshDb } from "./fresh-db";
import { WORKER_NODE_ARGS } from "../../scripts/lib/worker-command";

// The queue lives in the file's own database under the default schema: lib/env.ts reads the
// environment once (fresh-db.ts already did), so a schema set here would reach the workers only.
const { startOkasieSandbox } = await import("@/sandbox/okasie");
const { insertListings, makeConnection, makeDealer, okasieCar, waitFor } = await import("../sync/helpers");
const { requestSync } = await import("@/lib/sync/service");
const { stopQueue } = await import("@/lib/sync/queue");

const ROOT = path.resolve(import.meta.dirname, "../..");
const DEALERS = 4;
const PER_DEALER = 300;
let sim: Awaited<ReturnType<typeof startOkasieSandbox>>;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  // Production rate windows (no SYNC_OKASIE_WINDOWS override): 120 per minute, 5 per second, shared through PostgreSQL.
  const proc = spawn(process.execPath, WORKER_NODE_ARGS, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, SYNC_HTTP_TIMEOUT_MS: "15000", SYNC_RECOVERY_SECONDS: "1", SYNC_SCHEDULES: "0", SYNC_POLLING_SECONDS: "0.5", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  proc.stderr?.on("data", () => {});
  workers.push(proc);
  return proc;
}

beforeAll(async () => {
  sim = await startOkasieSandbox({ port: 0 }); // Okasie's documented limits: 120/min, 5/s per secret
});
afterAll(async () => {
  for (const w of workers) w.kill("SIGKILL");
  await sim?.close();
  await stopQueue();
  await stopFreshDb();
});

const syncAll = async (targets: { dealerId: string; connectionId: string }[]) =>
  Promise.all(targets.map(async (t) => (await requestSync({ ...t, trigger: "MANUAL" })).runId));
const finished = (runIds: string[]) => waitFor("runs finished", async () => (await db.syncRun.count({ where: { id: { in: runIds }, finishedAt: null } })) === 0, 150_000, 250);
const writes = () => Object.entries(sim.state.stats.byRoute).filter(([k]) => /^(PUT|POST|DELETE) /.test(k)).reduce((n, [, v]) => n + v, 0);
const adsOnOkasie = () => [...sim.state.store.listings.values()].filter((l) => l.externalReference?.startsWith("TW"));

it("two workers, four dealers, one token: each run once, no 429, and a killed worker loses nothing", async () => {
  const targets: { dealerId: string; connectionId: string }[] = [];
  for (let d = 0; d < DEALERS; d++) {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, Array.from({ length: PER_DEALER }, (_, i) => okasieCar(`TW${d}-${String(i).padStart(4, "0")}`, i)));
    targets.push({ dealerId: dealer.id, connectionId: connection.id });
  }
  const a = startWorker();
  startWorker();

  // 1. Both workers share the queue: every run executes exactly once (a run executed twice at
  //    once would record each car twice; HTTP retries under load may repeat a request, which is
  //    idempotent by reference, so request counts are not the measure).
  const first = await syncAll(targets);
  await finished(first);
  // Requests at the lower bound: one bulk write per 100 cars (a run executed twice would double
  // them; at most a couple of retried requests under load are tolerated).
  const lowerBound = DEALERS * Math.ceil(PER_DEALER / 100);
  const firstWrites = writes();
  expect(firstWrites).toBeGreaterThanOrEqual(lowerBound);
  expect(firstWrites).toBeLessThanOrEqual(lowerBound + 2);
  for (const run of await db.syncRun.findMany({ where: { id: { in: first } } })) {
    expect(run.status).toBe("SUCCEEDED");
    expect(run.created).toBe(PER_DEALER);
    expect(await db.syncItem.count({ where: { syncRunId: run.id } })).toBe(PER_DEALER);
  }
  const ads = adsOnOkasie();
  expect(ads).toHaveLength(DEALERS * PER_DEALER);
  expect(new Set(ads.map((l) => l.externalReference)).size).toBe(DEALERS * PER_DEALER);

  // 2. Every car changes; one worker is killed in the middle of the runs.
  for (const t of targets) await db.listing.updateMany({ where: { dealerId: t.dealerId }, data: { title: "Second pass" } });
  const second = await syncAll(targets);
  // (A run may already be done by the time we look: the kill then hits whatever the worker holds.)
  await waitFor("progress", async () => (await db.syncRun.count({ where: { id: { in: second }, OR: [{ status: "RUNNING", done: { gt: 0 } }, { finishedAt: { not: null } }] } })) > 0, 60_000, 50);
  a.kill("SIGKILL");
  await finished(second);
  for (const run of await db.syncRun.findMany({ where: { id: { in: second } } })) expect(run.status, run.message ?? "").toBe("SUCCEEDED");
  const after = adsOnOkasie();
  expect(after).toHaveLength(DEALERS * PER_DEALER);
  expect(after.every((l) => l.fields.title === "Second pass")).toBe(true);

  // 3. The shared budget held across both processes: the marketplace never throttled us.
  expect(sim.state.stats.byStatus["429"] ?? 0).toBe(0);
  expect(sim.state.stats.requests).toBeGreaterThan(0);
}, 300_000);
