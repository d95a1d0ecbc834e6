/**
 * `npm run bench -- blocket`: creates 2,000 ads in the simulator through the real adapter and
 * polls the not-yet-final ones with `remoteState` while they are processed. Prints one JSON line:
 *   callsPerRound — HTTP calls of one full polling round over all 2,000 ads (target ≤ 20);
 *   lagP95Ms      — p95 of (moment the client first saw an ad in its final state) minus (moment
 *                   the simulator finished the ad's last action, from /__sim/state) (target ≤ 2,000).
 * The simulator runs in-process on an ephemeral loopback port with its default processing speed.
 */
import { pathToFileURL } from "node:url";
import { listingSchema } from "@/lib/listings/schema";
import { createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import type { ConnectionContext } from "@/lib/marketplaces/types";
import { startBlocketSandbox } from "@/sandbox/blocket/index";

const ADS = Number(process.env.BENCH_BLOCKET_ADS ?? 2000);
/** The sandbox is local: pace far above the production default of 10 req/s. */
const RPS = Number(process.env.BENCH_BLOCKET_RPS ?? 400);
/** Pace of the poller alone (default: same as RPS); 10 shows the production default. */
const POLL_RPS = Number(process.env.BENCH_BLOCKET_POLL_RPS ?? RPS);
const BATCH = 100;
const FINAL = new Set(["live", "error", "removed", "draft"]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export default async function run(): Promise<void> {
  const server = await startBlocketSandbox({ port: 0 });
  try {
    const connection: ConnectionContext = {
      baseUrl: server.baseUrl,
      token: "blocket-sandbox-token",
      identity: { marketplace: "BLOCKET", dealerCode: "FC-STHLM", tokenScope: "dealer_group" },
      budgetKey: "bench-blocket",
    };
    const writer = createBlocketAdapter({ requestsPerSecond: RPS, concurrency: 8 });
    let pollCalls = 0;
    const poller = createBlocketAdapter({ requestsPerSecond: POLL_RPS, concurrency: 4, onAttempt: () => { pollCalls += 1; } });

    const listings = Array.from({ length: ADS }, (_, i) =>
      listingSchema.parse({
        reference: `bench-${i}`, status: "active", title: "Volvo V60", price: 199_000 + i, currency: "SEK", make: "Volvo", model: "V60",
        year: 2020, mileage: 50_000 + i, fuelType: "diesel", transmission: "automatic", bodyType: "wagon", postalCode: "11122",
        registrationNumber: `BN${String(i).padStart(4, "0")}`, images: [`https://cdn.example.com/bench/${i}.jpg`],
      }));
    const references = listings.map((l) => l.reference);

    const knownAt = new Map<string, number>();
    let pushing = true;
    let callsPerRound = 0;
    const polling = (async () => {
      while (pushing || knownAt.size < ADS) {
        // Like the sync engine: poll only the ads whose final state is not known yet.
        const pending = references.filter((r) => !knownAt.has(r));
        const state = await poller.remoteState({ references: pending }, connection);
        const seenAt = Date.now();
        for (const ad of state) if (ad.reference && FINAL.has(ad.status) && !knownAt.has(ad.reference)) knownAt.set(ad.reference, seenAt);
        await sleep(100);
      }
    })();

    for (let i = 0; i < listings.length; i += BATCH) {
      const outcomes = await writer.push(listings.slice(i, i + BATCH).map((listing) => ({ listing })), connection);
      const rejected = outcomes.filter((o) => o.result !== "accepted");
      if (rejected.length > 0) throw new Error(`${rejected.length} ads rejected: ${rejected[0].code} ${rejected[0].message}`);
    }
    pushing = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error("Timed out waiting for every ad to settle")), 120_000); });
    await Promise.race([polling, timeout]).finally(() => clearTimeout(timer));

    // One full round over every reference: the calls needed to learn all 2,000 states.
    const before = pollCalls;
    const full = await poller.remoteState({ references }, connection);
    callsPerRound = pollCalls - before;
    if (full.length !== ADS) throw new Error(`A full round saw ${full.length} of ${ADS} ads`);

    const sim = (await (await fetch(`${server.origin}/__sim/state`)).json()) as { ads: { source_id: string; settled_at_ms: number | null }[] };
    const lags = sim.ads.map((ad) => Math.max(0, (knownAt.get(ad.source_id) ?? Number.NaN) - (ad.settled_at_ms ?? Number.NaN))).filter(Number.isFinite);
    if (lags.length !== ADS) throw new Error(`Only ${lags.length} of ${ADS} ads settled and were seen`);
    process.stdout.write(JSON.stringify({ bench: "blocket-status", ads: ADS, callsPerRound, lagP95Ms: Math.round(percentile(lags, 95)), pollRequestsPerSecond: POLL_RPS, note: "pace set for the local simulator; production default is 10 req/s per token (BLOCKET_WINDOWS; SYNC_BLOCKET_WINDOWS overrides it)" }) + "\n");
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
