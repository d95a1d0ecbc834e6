/**
 * /api/metrics: the Prometheus text an operator scrapes, computed from PostgreSQL. Exact figures
 * on a database of this file's own; the route is called as Next calls it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TOKEN } from "./metrics-env"; // first: sets METRICS_TOKEN before the environment is read
import { db, stopFreshDb } from "./fresh-db";
import { parsePrometheus, sample } from "./prometheus";

const { GET } = await import("@/app/api/metrics/route");
const { flushMarketplaceAttempts, recordMarketplaceAttempt } = await import("@/lib/metrics/requests");
const { queue, stopQueue } = await import("@/lib/sync/queue");
const { JOBS } = await import("@/lib/sync/jobs");

const scrape = (authorization?: string) => GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

let okasie: { id: string; dealerId: string };
let blocket: { id: string; dealerId: string };

beforeAll(async () => {
  okasie = await db.connection.findUniqueOrThrow({ where: { id: "demo-okasie-auto-gent" }, select: { id: true, dealerId: true } });
  blocket = await db.connection.findFirstOrThrow({ where: { marketplace: "BLOCKET" }, select: { id: true, dealerId: true } });
  const run = (c: typeof okasie, status: "SUCCEEDED" | "FAILED" | "PARTIAL" | "RUNNING" | "NEEDS_CONFIRMATION", counts: Partial<Record<"created" | "updated" | "unchanged" | "failed" | "requests", number>> = {}) =>
    db.syncRun.create({ data: { dealerId: c.dealerId, connectionId: c.id, trigger: "SCHEDULE", status, ...counts } });
  await run(okasie, "SUCCEEDED", { created: 3, updated: 2, unchanged: 10, requests: 4 });
  await run(okasie, "SUCCEEDED", { updated: 1, unchanged: 14, requests: 2 });
  await run(okasie, "FAILED", { failed: 2, requests: 7 });
  await run(okasie, "NEEDS_CONFIRMATION");
  await run(blocket, "PARTIAL", { created: 2, failed: 1, requests: 5 });
  await run(blocket, "RUNNING");

  // Two Blocket writes accepted and waiting for their final status, the oldest sent 90 s ago.
  const listings = await db.listing.findMany({ where: { dealerId: blocket.dealerId }, take: 2, orderBy: { reference: "asc" } });
  for (const [i, l] of listings.entries()) {
    await db.publication.create({ data: { dealerId: blocket.dealerId, listingId: l.id, connectionId: blocket.id, state: "ACCEPTED", sentAt: new Date(Date.now() - (i === 0 ? 90_000 : 10_000)) } });
  }

  // Attempts as the worker's marketplace clients report them (two 429s among them).
  for (const status of [200, 200, 200, 429, 429, 503, null]) recordMarketplaceAttempt("OKASIE", status);
  recordMarketplaceAttempt("BLOCKET", 201);
  await flushMarketplaceAttempts();
  recordMarketplaceAttempt("OKASIE", 200); // a second flush adds up
  await flushMarketplaceAttempts();

  // Queue: one due job nobody works, one deferred.
  const boss = await queue();
  await boss.send(JOBS.reconcile, {});
  await boss.send(JOBS.listingsChanged, { dealerId: okasie.dealerId, connectionId: okasie.id }, { startAfter: 3600 });
});

afterAll(async () => {
  await stopQueue();
  await stopFreshDb();
});

describe("GET /api/metrics", () => {
  it("asks for the token: 401 without it or with a wrong one, and never computes anything", async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
  });

  it("reports runs, items, requests, 429s, queue depth and age, and poll lag from the database", async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const m = parsePrometheus(await res.text());

    expect(sample(m, "forecourt_sync_runs_total", { marketplace: "okasie", outcome: "succeeded" })).toBe(2);
    expect(sample(m, "forecourt_sync_runs_total", { marketplace: "okasie", outcome: "failed" })).toBe(1);
    expect(sample(m, "forecourt_sync_runs_total", { marketplace: "okasie", outcome: "partial" })).toBe(0);
    expect(sample(m, "forecourt_sync_runs_total", { marketplace: "blocket", outcome: "partial" })).toBe(1);
    expect(sample(m, "forecourt_sync_runs", { marketplace: "okasie", status: "NEEDS_CONFIRMATION" })).toBe(1);
    expect(sample(m, "forecourt_sync_runs", { marketplace: "blocket", status: "RUNNING" })).toBe(1);

    expect(sample(m, "forecourt_sync_items_total", { marketplace: "okasie", outcome: "created" })).toBe(3);
    expect(sample(m, "forecourt_sync_items_total", { marketplace: "okasie", outcome: "updated" })).toBe(3);
    expect(sample(m, "forecourt_sync_items_total", { marketplace: "okasie", outcome: "unchanged" })).toBe(24);
    expect(sample(m, "forecourt_sync_items_total", { marketplace: "okasie", outcome: "failed" })).toBe(2);
    expect(sample(m, "forecourt_sync_requests_total", { marketplace: "okasie" })).toBe(13);
    expect(sample(m, "forecourt_sync_requests_total", { marketplace: "blocket" })).toBe(5);

    expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "okasie", status: "2xx" })).toBe(4);
    expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "okasie", status: "429" })).toBe(2);
    expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "okasie", status: "5xx" })).toBe(1);
    expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "okasie", status: "network" })).toBe(1);
    expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "blocket", status: "2xx" })).toBe(1);

    expect(sample(m, "forecourt_queue_jobs", { queue: JOBS.reconcile, state: "waiting" })).toBe(1);
    expect(sample(m, "forecourt_queue_jobs", { queue: JOBS.listingsChanged, state: "deferred" })).toBe(1);
    expect(sample(m, "forecourt_queue_jobs", { queue: JOBS.run, state: "waiting" })).toBe(0);
    expect(sample(m, "forecourt_queue_oldest_waiting_seconds", { queue: JOBS.reconcile })).toBeGreaterThanOrEqual(0);
    expect([...m.keys()].filter((k) => k.includes("__pgboss"))).toEqual([]); // pg-boss's internal queues stay out

    expect(sample(m, "forecourt_poll_pending", { marketplace: "blocket" })).toBe(2);
    const lag = sample(m, "forecourt_poll_lag_seconds", { marketplace: "blocket" })!;
    expect(lag).toBeGreaterThanOrEqual(89);
    expect(lag).toBeLessThan(300);
    expect(sample(m, "forecourt_poll_lag_seconds", { marketplace: "okasie" })).toBe(0);
    expect(sample(m, "forecourt_connections", { marketplace: "okasie", health: "untested" })).toBe(1); // the demo seed never tested it
  });

  it("does not exist (404) when METRICS_TOKEN is not configured", async () => {
    vi.resetModules();
    vi.stubEnv("METRICS_TOKEN", "");
    delete process.env.METRICS_TOKEN;
    try {
      const route = await import("@/app/api/metrics/route");
      const res = await route.GET(new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
      expect(res.status).toBe(404);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
