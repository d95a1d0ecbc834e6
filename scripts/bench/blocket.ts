/**
 * `npm run bench -- blocket`: creates 2,000 ads in the simulator through the real adapter and
 * polls the not-yet-final ones while they are processed, the way the engine does
 * (lib/sync/status-poll.ts: what changed since the last round with `updated__gte` and the logs, a
 * sweep by reference first and every SWEEP_MS). The poller runs at the production pace of 10
 * requests/s (BENCH_BLOCKET_POLL_RPS); the writer faster, so the ads are all queued early.
 * Prints one JSON line:
 *   callsPerRound — mean HTTP calls of one polling round (sweeps included); maxCallsPerRound,
 *                   rounds, sweeps and fullSweepCalls (one sweep over all 2,000 ads) beside it;
 *   lagP95Ms      — p95 of (moment the client first saw an ad in its final state) minus (moment
 *                   the simulator finished the ad's last action, from /__sim/state) (target ≤ 2,000).
 * The simulator runs in-process on an ephemeral loopback port with its default processing speed.
 */
import { pathToFileURL } from "node:url";
import { listingSchema } from "@/lib/listings/schema";
import { createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import type { ConnectionContext, RemoteAd } from "@/lib/marketplaces/types";
import { advance, changedSince, NO_CURSOR, sweepDue } from "@/lib/sync/status-poll";
import { startBlocketSandbox } from "@/sandbox/blocket/index";

const ADS = Number(process.env.BENCH_BLOCKET_ADS ?? 2000);
/** The sandbox is local: pace far above the production default of 10 req/s. */
const RPS = Number(process.env.BENCH_BLOCKET_RPS ?? 400);
/** Pace of the poller: the production default of 10 requests/s per token. */
const POLL_RPS = Number(process.env.BENCH_BLOCKET_POLL_RPS ?? 10);
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
    const roundCalls: number[] = [];
    let sweeps = 0;
    const polling = (async () => {
      let cursor = NO_CURSOR;
      while (pushing || knownAt.size < ADS) {
        // Like the engine: only the ads whose final state is not known yet are pending.
        const pending = references.filter((r) => !knownAt.has(r));
        const before = pollCalls;
        let ads: RemoteAd[];
        if (sweepDue(cursor)) {
          const startedAt = Date.now();
          ads = await poller.remoteState({ references: pending }, connection);
          cursor = { since: advance(cursor.since, ads), sweptAt: startedAt };
          sweeps += 1;
        } else {
          const changed = await changedSince(poller, connection, cursor);
          ads = [...changed.byRef.values()];
          cursor = changed.cursor;
        }
        roundCalls.push(pollCalls - before);
        const seenAt = Date.now();
        for (const ad of ads) if (ad.reference && FINAL.has(ad.status) && !knownAt.has(ad.reference)) knownAt.set(ad.reference, seenAt);
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

    // One sweep over every reference: the calls a round would need without `updated__gte`.
    const before = pollCalls;
    const full = await poller.remoteState({ references }, connection);
    const fullSweepCalls = pollCalls - before;
    if (full.length !== ADS) throw new Error(`A full round saw ${full.length} of ${ADS} ads`);
    callsPerRound = Number((roundCalls.reduce((a, b) => a + b, 0) / Math.max(1, roundCalls.length)).toFixed(2));

    const sim = (await (await fetch(`${server.origin}/__sim/state`)).json()) as { ads: { source_id: string; settled_at_ms: number | null }[] };
    const lags = sim.ads.map((ad) => Math.max(0, (knownAt.get(ad.source_id) ?? Number.NaN) - (ad.settled_at_ms ?? Number.NaN))).filter(Number.isFinite);
    if (lags.length !== ADS) throw new Error(`Only ${lags.length} of ${ADS} ads settled and were seen`);
    process.stdout.write(JSON.stringify({
      bench: "blocket-status", ads: ADS, requestsPerSecond: POLL_RPS, callsPerRound, lagP95Ms: Math.round(percentile(lags, 95)),
      lagP50Ms: Math.round(percentile(lags, 50)), maxCallsPerRound: Math.max(...roundCalls), rounds: roundCalls.length, sweeps, fullSweepCalls,
      note: "poller at the production default of 10 req/s per token (BLOCKET_WINDOWS); the writer at BENCH_BLOCKET_RPS so every ad is queued early",
    }) + "\n");
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
