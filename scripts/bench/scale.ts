/**
 * `npm run bench -- scale`: two real worker processes (scripts/worker.ts) on one PostgreSQL push
 * four dealers' listings (10,000 in all) to Okasie through one shared secret, at the documented
 * limits (120/min, 5/s), the budget shared through PostgreSQL. One JSON line:
 *   {"bench":"two-workers","listings":10000,"dealers":4,"requests":…,"lowerBound":…,"http429":0,"duplicates":0}
 * requests = bulk writes the simulator received, lowerBound = ⌈per dealer / 100⌉ × dealers,
 * duplicates = ads the simulator holds more than once for one reference, plus cars a run recorded
 * more than once (a run executed twice). tests/ops/two-workers.test.ts proves the same at a
 * smaller size, with a worker killed mid-run.
 *
 * BENCH_LISTINGS overrides the total.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startTestDatabase } from "@/scripts/lib/embedded-db";
import { WORKER_NODE_ARGS } from "@/scripts/lib/worker-command";
import { rateBoundSeconds } from "./okasie";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DEALERS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function run(): Promise<void> {
  const total = Number(process.env.BENCH_LISTINGS ?? 10_000);
  const perDealer = Math.ceil(total / DEALERS);
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= "bench-auth-secret-bench-auth-secret-0123456789";
  process.env.VAULT_KEYS ??= "k1:" + Buffer.alloc(32, 9).toString("base64");
  const { db } = await import("@/lib/db");
  const { listingSchema } = await import("@/lib/listings/schema");
  const { toRow } = await import("@/lib/listings/store");
  const { seal, lastFour } = await import("@/lib/vault");
  const { requestSync } = await import("@/lib/sync/service");
  const { stopQueue } = await import("@/lib/sync/queue");
  const { startOkasieSandbox, SANDBOX_SECRET } = await import("@/sandbox/okasie");

  const sim = await startOkasieSandbox({ rateLimits: { perMinute: 120, burstPerSecond: 5 } });
  const workers: ChildProcess[] = [];
  try {
    const targets: { dealerId: string; connectionId: string }[] = [];
    for (let d = 0; d < DEALERS; d++) {
      const dealer = await db.dealer.create({ data: { slug: `scale-${d}-${Date.now()}`, name: `Scale ${d}`, country: "BE" } });
      const id = `scale-okasie-${d}`;
      const sealed = seal(SANDBOX_SECRET, id);
      // One secret for all four: one rate budget.
      await db.connection.create({ data: {
        id, dealerId: dealer.id, name: "Okasie scale", marketplace: "OKASIE", environment: "SANDBOX", baseUrl: sim.baseUrl,
        tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(SANDBOX_SECRET), dealerLocationCode: "DEX-GENT", remoteMatchedAt: new Date(),
      } });
      for (let start = 0; start < perDealer; start += 2_000) {
        await db.listing.createMany({ data: Array.from({ length: Math.min(2_000, perDealer - start) }, (_, k) => {
          const i = start + k;
          return { ...toRow(listingSchema.parse({
            reference: `S${d}-${String(i).padStart(6, "0")}`, status: "active", title: `Volkswagen Golf ${2015 + (i % 10)}`, price: 8_000 + (i % 400) * 75,
            make: "Volkswagen", model: "Golf", year: 2015 + (i % 10), mileage: 10_000 + i, fuelType: "petrol", transmission: "manual", bodyType: "hatchback",
            doors: 5, seats: 5, postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
            images: [`https://photos.example.com/scale/${d}/${i}.jpg`],
          })), dealerId: dealer.id };
        }) });
      }
      targets.push({ dealerId: dealer.id, connectionId: id });
    }
    for (let w = 0; w < 2; w++) {
      workers.push(spawn(process.execPath, WORKER_NODE_ARGS, { cwd: ROOT, env: { ...process.env, SYNC_SCHEDULES: "0", LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "inherit"] }));
    }
    const started = Date.now();
    const runIds = await Promise.all(targets.map(async (t) => (await requestSync({ ...t, trigger: "MANUAL" })).runId));
    let lastReport = Date.now();
    while ((await db.syncRun.count({ where: { id: { in: runIds }, finishedAt: null } })) > 0) {
      await sleep(250);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        const runs = await db.syncRun.findMany({ where: { id: { in: runIds } }, select: { status: true, done: true, total: true } });
        process.stderr.write(`[scale] ${Math.round((Date.now() - started) / 1000)} s: ${runs.map((r) => `${r.status} ${r.done}/${r.total}`).join(", ")}\n`);
      }
    }
    const wallSeconds = (Date.now() - started) / 1000;

    const runs = await db.syncRun.findMany({ where: { id: { in: runIds } } });
    const requests = Object.entries(sim.state.stats.byRoute).filter(([k]) => /^(PUT|POST|DELETE) /.test(k)).reduce((s, [, v]) => s + v, 0);
    const refs = [...sim.state.store.listings.values()].map((l) => l.externalReference).filter((r): r is string => !!r && /^S\d-/.test(r));
    const recorded = await db.syncItem.groupBy({ by: ["syncRunId", "listingId"], where: { syncRunId: { in: runIds } }, _count: { _all: true } });
    const duplicates = (refs.length - new Set(refs).size) + recorded.reduce((s, g) => s + g._count._all - 1, 0);
    process.stdout.write(JSON.stringify({
      bench: "two-workers", listings: perDealer * DEALERS, dealers: DEALERS, requests, lowerBound: Math.ceil(perDealer / 100) * DEALERS,
      http429: sim.state.stats.byStatus[429] ?? 0, duplicates, onSimulator: new Set(refs).size,
      statuses: [...new Set(runs.map((r) => r.status))], wallSeconds: Number(wallSeconds.toFixed(1)), rateBoundSeconds: rateBoundSeconds(requests),
    }) + "\n");
  } finally {
    for (const w of workers) {
      w.kill("SIGTERM");
      await new Promise((r) => w.once("exit", r));
    }
    await sim.close();
    await stopQueue();
    await db.$disconnect();
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
