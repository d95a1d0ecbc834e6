/**
 * `npm run bench -- sync`: the sync engine through the real worker process (scripts/worker.ts),
 * the real PostgreSQL-backed pacer and the Okasie simulator. Prints one JSON line per figure:
 *
 *   sync-okasie  10,000 listings at the documented limits (120/min, 5/s): bulk requests vs ⌈N/100⌉,
 *                429s, wall time of the run vs the least time the limits allow for its requests.
 *   sync-noop    the incremental sync that follows, with nothing changed: writes (must be 0), reads
 *                (GET requests), wall time, readBoundSeconds (the least time those reads need at the
 *                documented limits), and for comparison the pages a full incremental read of every
 *                ad needs (fullReadPages, fullReadBoundSeconds); workerCpuSeconds is the worker's
 *                CPU time for the whole run (planning the unchanged listings included).
 *   worker-rss   the worker's peak RSS (VmHWM) while pushing 10,000 and 50,000 listings (limits
 *                raised so the run is CPU/DB-bound): flat in N because listings are streamed.
 *
 * BENCH_LISTINGS / BENCH_RSS_LISTINGS override the sizes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestDatabase } from "@/scripts/lib/embedded-db";
import { WORKER_NODE_ARGS } from "@/scripts/lib/worker-command";
import { rateBoundSeconds } from "./okasie";

const ROOT = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorkerProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, WORKER_NODE_ARGS, { cwd: ROOT, env: { ...process.env, SYNC_SCHEDULES: "0", ...env }, stdio: ["ignore", "ignore", "inherit"] });
  return child;
}

/** User + system CPU seconds of a process so far (/proc/PID/stat, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export default async function run(): Promise<void> {
  const n = Number(process.env.BENCH_LISTINGS ?? 10_000);
  const rssSizes = (process.env.BENCH_RSS_LISTINGS ?? "10000,50000").split(",").filter(Boolean).map(Number);
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= "bench-auth-secret-bench-auth-secret-0123456789";
  process.env.VAULT_KEYS ??= "k1:" + Buffer.alloc(32, 9).toString("base64");
  process.env.SYNC_BOSS_SCHEMA = "pgboss_bench";
  // Imported only now: they read DATABASE_URL once.
  const { db } = await import("@/lib/db");
  const { listingSchema } = await import("@/lib/listings/schema");
  const { toRow } = await import("@/lib/listings/store");
  const { seal, lastFour } = await import("@/lib/vault");
  const { requestSync, getRun } = await import("@/lib/sync/service");
  const { stopQueue } = await import("@/lib/sync/queue");
  const { startOkasieSandbox, SANDBOX_SECRET } = await import("@/sandbox/okasie");

  let seq = 0;
  async function tenant(baseUrl: string, count: number) {
    const dealer = await db.dealer.create({ data: { slug: `bench-${++seq}-${Date.now()}`, name: "Bench", country: "BE" } });
    const id = `bench-okasie-${seq}`;
    const sealed = seal(SANDBOX_SECRET, id);
    const connection = await db.connection.create({ data: {
      id, dealerId: dealer.id, name: "Okasie bench", marketplace: "OKASIE", environment: "SANDBOX", baseUrl,
      tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(SANDBOX_SECRET), dealerLocationCode: "DEX-GENT",
    } });
    for (let start = 0; start < count; start += 2_000) {
      const rows = Array.from({ length: Math.min(2_000, count - start) }, (_, k) => {
        const i = start + k;
        return { ...toRow(listingSchema.parse({
          reference: `B${seq}-${String(i).padStart(6, "0")}`, status: i % 10 === 0 ? "reserved" : "active",
          title: `Volkswagen Golf ${2015 + (i % 10)}`, description: `Well maintained, full service history. Stock ${i}.`,
          price: 8_000 + (i % 400) * 75, make: "Volkswagen", model: "Golf", year: 2015 + (i % 10), mileage: 10_000 + ((i * 37) % 190_000),
          fuelType: i % 3 ? "petrol" : "diesel", transmission: i % 2 ? "manual" : "automatic", bodyType: "hatchback", doors: 5, seats: 5,
          postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
          features: [{ name: "Airco", category: "comfort" }], images: [`https://photos.example.com/bench/${i}/1.jpg`, `https://photos.example.com/bench/${i}/2.jpg`],
        })), dealerId: dealer.id };
      });
      await db.listing.createMany({ data: rows });
    }
    return { dealer, connection };
  }

  async function syncAndWait(dealerId: string, connectionId: string, trigger: "MANUAL" | "SCHEDULE", onTick?: () => void) {
    const { runId } = await requestSync({ dealerId, connectionId, trigger });
    for (;;) {
      onTick?.();
      const r = await getRun(dealerId, runId);
      if (!["QUEUED", "RUNNING"].includes(r.status)) return r;
      await sleep(100);
    }
  }

  const writesOf = (stats: { byRoute: Record<string, number> }) =>
    Object.entries(stats.byRoute).filter(([k]) => /^(PUT|POST|DELETE) /.test(k)).reduce((s, [, v]) => s + v, 0);
  const readsOf = (stats: { byRoute: Record<string, number> }) =>
    Object.entries(stats.byRoute).filter(([k]) => /^GET /.test(k)).reduce((s, [, v]) => s + v, 0);

  // 1) Documented limits, real clock.
  const sim = await startOkasieSandbox({ rateLimits: { perMinute: 120, burstPerSecond: 5 } });
  let worker = startWorkerProcess({});
  try {
    const { dealer, connection } = await tenant(sim.baseUrl, n);
    const run1 = await syncAndWait(dealer.id, connection.id, "MANUAL");
    const writes = writesOf(sim.state.stats);
    const reads = readsOf(sim.state.stats);
    const wall = (run1.finishedAt!.getTime() - run1.startedAt!.getTime()) / 1000;
    process.stdout.write(JSON.stringify({
      bench: "sync-okasie", listings: n, requests: writes, lowerBound: Math.ceil(n / 100), reads, http429: sim.state.stats.byStatus[429] ?? 0,
      wallSeconds: Number(wall.toFixed(3)), rateBoundSeconds: rateBoundSeconds(writes + reads), ratioToBound: Number((wall / rateBoundSeconds(writes + reads)).toFixed(4)),
      status: run1.status, created: run1.created, failed: run1.failed,
      onSimulator: [...sim.state.store.listings.values()].filter((l) => l.externalReference?.startsWith(`B1-`)).length,
    }) + "\n");

    const w0 = writesOf(sim.state.stats), r0 = readsOf(sim.state.stats);
    const cpu0 = cpuSeconds(worker.pid!);
    const run2 = await syncAndWait(dealer.id, connection.id, "SCHEDULE");
    const noopReads = readsOf(sim.state.stats) - r0;
    const noopWall = (run2.finishedAt!.getTime() - run2.startedAt!.getTime()) / 1000;
    // What reading every ad changed since the cursor would take: pages of 200, plus the first page.
    const fullReadPages = Math.ceil(n / 200);
    process.stdout.write(JSON.stringify({
      bench: "sync-noop", listings: n, writes: writesOf(sim.state.stats) - w0, reads: noopReads,
      wallSeconds: Number(noopWall.toFixed(3)), readBoundSeconds: rateBoundSeconds(noopReads),
      fullReadPages, fullReadBoundSeconds: rateBoundSeconds(fullReadPages), workerCpuSeconds: Number((cpuSeconds(worker.pid!) - cpu0).toFixed(2)),
      unchanged: run2.unchanged, status: run2.status,
    }) + "\n");
  } finally {
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
    await sim.close();
  }

  // 2) Peak RSS of the worker, limits raised so the run is bound by our own work.
  const fast = await startOkasieSandbox({ rateLimits: { perMinute: 1_000_000, burstPerSecond: 100_000 } });
  try {
    for (const size of rssSizes) {
      const { dealer, connection } = await tenant(fast.baseUrl, size);
      worker = startWorkerProcess({ SYNC_OKASIE_WINDOWS: "1000000/60,1000/1" });
      let peak = 0;
      const r = await syncAndWait(dealer.id, connection.id, "MANUAL", () => { try { peak = Math.max(peak, peakRssMb(worker.pid!)); } catch { /* not up yet */ } });
      peak = Math.max(peak, peakRssMb(worker.pid!));
      worker.kill("SIGTERM");
      await new Promise((res) => worker.once("exit", res));
      process.stdout.write(JSON.stringify({ bench: "worker-rss", listings: size, peakRssMb: peak, status: r.status, created: r.created, wallSeconds: Number(((r.finishedAt!.getTime() - r.startedAt!.getTime()) / 1000).toFixed(3)) }) + "\n");
    }
  } finally {
    await fast.close();
    await stopQueue();
    await db.$disconnect();
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
