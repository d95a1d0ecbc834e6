/**
 * `npm run bench -- okasie`: pushes 10,000 listings through the Okasie simulator with the real
 * adapter and the real PostgreSQL-backed pacer, at the documented limits (120/min, 5/s) and on
 * the real clock, and prints one JSON line:
 *
 *   {"bench":"okasie-push","listings":10000,"requests":…,"lowerBound":100,"http429":…,
 *    "wallSeconds":…,"rateBoundSeconds":…, …}
 *
 * lowerBound = ⌈N/100⌉ bulk requests; rateBoundSeconds = the least time the documented limits
 * allow between the first and the last of those requests. Nothing is shortened: no simulated
 * clock and no raised limit. Set BENCH_LISTINGS to run a smaller push.
 */
import pg from "pg";
import { listingSchema, type Listing } from "@/lib/listings/schema";
import { createOkasieAdapter, OKASIE_WINDOWS } from "@/lib/marketplaces/okasie/adapter";
import { budgetKeyFor, createPostgresBudget } from "@/lib/marketplaces/pacer";
import { startOkasieSandbox, SANDBOX_SECRET } from "@/sandbox/okasie";
import { startTestDatabase } from "@/scripts/lib/embedded-db";

const BULK = 100;

/** Least seconds from the first to the last of `requests` under every window (rolling/fixed alike). */
export function rateBoundSeconds(requests: number, windows = OKASIE_WINDOWS): number {
  if (requests <= 0) return 0;
  return Math.max(...windows.map((w) => Math.floor((requests - 1) / w.points) * w.durationSec));
}

function inventory(n: number): Listing[] {
  const makes = [["Volkswagen", "Golf"], ["Opel", "Corsa"], ["Renault", "Clio"], ["Skoda", "Octavia"], ["BMW", "320d"]] as const;
  return Array.from({ length: n }, (_, i) => {
    const [make, model] = makes[i % makes.length];
    return listingSchema.parse({
      reference: `BENCH-${String(i).padStart(6, "0")}`,
      status: i % 10 === 0 ? "reserved" : "active",
      title: `${make} ${model} ${2015 + (i % 10)}`,
      description: `${make} ${model}, well maintained, full service history. Stock ${i}.`,
      price: 8_000 + (i % 400) * 75,
      make,
      model,
      year: 2015 + (i % 10),
      mileage: 10_000 + (i * 37) % 190_000,
      fuelType: i % 3 ? "petrol" : "diesel",
      transmission: i % 2 ? "manual" : "automatic",
      bodyType: "hatchback",
      doors: 5,
      seats: 5,
      postalCode: "9000",
      city: "Gent",
      province: "Oost-Vlaanderen",
      features: [{ name: "Airco", category: "comfort" }, { name: "ABS", category: "safety" }],
      images: [`https://photos.example.com/bench/${i}/1.jpg`, `https://photos.example.com/bench/${i}/2.jpg`],
    });
  });
}

export default async function run(): Promise<void> {
  const n = Number(process.env.BENCH_LISTINGS ?? 10_000);
  const db = await startTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const sim = await startOkasieSandbox({ rateLimits: { perMinute: 120, burstPerSecond: 5 } });
  try {
    const listings = inventory(n);
    let requests = 0;
    const adapter = createOkasieAdapter({
      budget: createPostgresBudget(pool, OKASIE_WINDOWS, { keyPrefix: `okasie-bench-${Date.now()}` }),
      log: (line) => process.stderr.write(`[okasie] ${line}\n`),
      client: { onAttempt: () => void (requests += 1) },
    });
    const connection = {
      baseUrl: sim.baseUrl,
      token: SANDBOX_SECRET,
      identity: { marketplace: "OKASIE" as const, dealerLocationCode: "DEX-GENT" },
      budgetKey: budgetKeyFor("okasie", SANDBOX_SECRET),
    };

    const t0 = performance.now();
    const outcomes = await adapter.push(listings.map((listing) => ({ listing })), connection);
    const wallSeconds = (performance.now() - t0) / 1000;

    const stored = [...sim.state.store.listings.values()].filter((l) => l.externalReference?.startsWith("BENCH-"));
    const lowerBound = Math.ceil(n / BULK);
    const bound = rateBoundSeconds(lowerBound);
    process.stdout.write(
      JSON.stringify({
        bench: "okasie-push",
        listings: n,
        requests,
        lowerBound,
        http429: sim.state.stats.byStatus[429] ?? 0,
        wallSeconds: Number(wallSeconds.toFixed(3)),
        rateBoundSeconds: bound,
        ratioToBound: bound > 0 ? Number((wallSeconds / bound).toFixed(4)) : null,
        live: outcomes.filter((o) => o.result === "live").length,
        storedOnSimulator: new Set(stored.map((l) => l.externalReference)).size,
        limits: { perMinute: 120, burstPerSecond: 5 },
        clock: "real",
        pacer: "postgres",
      }) + "\n",
    );
  } finally {
    await sim.close();
    await pool.end();
    await db.stop();
  }
}

// Run directly with `tsx scripts/bench/okasie.ts` too.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
