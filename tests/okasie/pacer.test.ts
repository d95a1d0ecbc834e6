/**
 * The Postgres-backed pacer: one budget per key shared by separate pools (as separate processes
 * would), exact rolling burst limits, fixed large windows, and pauses learnt from the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { budgetKeyFor, createMemoryBudget, createPostgresBudget } from "@/lib/marketplaces/pacer";
import { OKASIE_WINDOWS } from "@/lib/marketplaces/okasie/adapter";
import { OkasieClient } from "@/lib/marketplaces/okasie/client";
import { startSim, testPool, SANDBOX_SECRET } from "./helpers";

let poolA: pg.Pool;
let poolB: pg.Pool;
beforeAll(async () => {
  poolA = await testPool();
  poolB = await testPool();
});
afterAll(async () => {
  await poolA.end();
  await poolB.end();
});

const prefix = () => `pacer-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
/** Largest number of timestamps inside any half-open span of `ms`. */
const maxInSpan = (times: number[], ms: number) => {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
};

describe("createPostgresBudget", () => {
  it("never lets two processes together exceed 5 in any rolling second", async () => {
    const keyPrefix = prefix();
    const a = createPostgresBudget(poolA, [{ points: 5, durationSec: 1 }], { keyPrefix });
    const b = createPostgresBudget(poolB, [{ points: 5, durationSec: 1 }], { keyPrefix });
    const times: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).acquire("shared-key").then((lease) => {
      times.push(Date.now());
      return lease?.release(); // answered at once
    })));
    expect(times).toHaveLength(16);
    expect(maxInSpan(times, 1000)).toBeLessThanOrEqual(5);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3000); // 16 requests: the 16th no sooner than 3 s after the 1st
    expect(Date.now() - t0).toBeLessThan(4500);
  });

  it("re-stamps a burst slot at the answer, or after maxInFlightMs for a slow answer", async () => {
    const budget = createPostgresBudget(poolA, [{ points: 1, durationSec: 1 }], { keyPrefix: prefix(), maxInFlightMs: 200, safetyMs: 0 });
    const t0 = Date.now();
    const first = await budget.acquire("k");
    await new Promise((r) => setTimeout(r, 400)); // still waiting for the answer
    await budget.acquire("k");
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(1190); // counted from 200 ms after sending
    expect(waited).toBeLessThan(1500);
    await first?.release();
  });

  it("keeps keys (secrets) independent", async () => {
    const budget = createPostgresBudget(poolA, [{ points: 2, durationSec: 1 }], { keyPrefix: prefix() });
    const t0 = Date.now();
    await Promise.all(["k1", "k1", "k2", "k2", "k3", "k3"].map((k) => budget.acquire(k)));
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it("enforces a large window as one fixed window and waits for both", async () => {
    const keyPrefix = prefix();
    const a = createPostgresBudget(poolA, [{ points: 12, durationSec: 2 }, { points: 10, durationSec: 1 }], { keyPrefix, safetyMs: 0 });
    const times: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 13; i++) {
      await a.acquire("k");
      times.push(Date.now() - t0);
    }
    expect(times[9]).toBeLessThan(500);
    expect(times[10]).toBeGreaterThanOrEqual(990); // the 1 s window held the 11th
    expect(times[12]).toBeGreaterThanOrEqual(1990); // the 2 s window held the 13th
  });

  it("pauses every process for Retry-After after a 429, and until reset when few requests remain", async () => {
    const keyPrefix = prefix();
    const a = createPostgresBudget(poolA, OKASIE_WINDOWS, { keyPrefix });
    const b = createPostgresBudget(poolB, OKASIE_WINDOWS, { keyPrefix });
    await a.observe!("k", new Headers({ "retry-after": "1" }), 429);
    let t0 = Date.now();
    await b.acquire("k");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);

    await a.observe!("k", new Headers({ "x-ratelimit-remaining": "50", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 30) }), 200);
    t0 = Date.now();
    await b.acquire("k");
    expect(Date.now() - t0).toBeLessThan(300);

    await a.observe!("k", new Headers({ "x-ratelimit-remaining": "3", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 2) }), 200);
    t0 = Date.now();
    await b.acquire("k");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("derives the key from the secret without revealing it", () => {
    const key = budgetKeyFor("okasie", "sk_partner_abcdef123456");
    expect(key).toMatch(/^okasie:[0-9a-f]{24}$/);
    expect(key).not.toContain("abcdef123456");
    expect(budgetKeyFor("okasie", "sk_partner_abcdef123456")).toBe(key);
    expect(budgetKeyFor("okasie", "another")).not.toBe(key);
  });
});

describe("createMemoryBudget", () => {
  it("paces the same way inside one process", async () => {
    const budget = createMemoryBudget([{ points: 3, durationSec: 1 }], { keyPrefix: "mem" });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 7 }, () => budget.acquire("k").then(() => times.push(Date.now()))));
    expect(maxInSpan(times, 1000)).toBeLessThanOrEqual(3);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(2000);
  });
});

describe("against the simulator's documented limits", () => {
  it("two clients sharing one secret send 14 requests with no 429", async () => {
    const s = await startSim();
    try {
      const keyPrefix = prefix();
      const budgetKey = budgetKeyFor("okasie", SANDBOX_SECRET);
      const mk = (pool: pg.Pool) => new OkasieClient({ baseUrl: s.baseUrl, token: SANDBOX_SECRET, budget: createPostgresBudget(pool, OKASIE_WINDOWS, { keyPrefix }), budgetKey });
      const [c1, c2] = [mk(poolA), mk(poolB)];
      await Promise.all(Array.from({ length: 14 }, (_, i) => (i % 2 ? c1 : c2).locations()));
      const st = await s.sim("/state");
      expect(st.stats.byStatus).toEqual({ 200: 14 });
    } finally {
      await s.close();
    }
  });
});
