/**
 * Request pacing per marketplace secret: one `RateBudget` shared by every process that uses the
 * secret, with its state in PostgreSQL (table `rate_budget`, through rate-limiter-flexible's
 * `RateLimiterPostgres`). An in-memory variant with the same behaviour serves unit use.
 *
 * Each window `{points, durationSec}` is enforced on the client side before a request leaves:
 * - Small windows (a burst rule such as Okasie's 5 per second) are split into `points` slots of
 *   one request each. A slot is taken when the request leaves and re-stamped when its answer
 *   arrives (the lease), so the next request in that slot reaches the server more than
 *   `durationSec` after the previous one did, whatever the network jitter: no rolling span of
 *   `durationSec` ever holds more than `points` requests, across any number of processes.
 * - Large windows (120 per minute) are one fixed window; misalignment with the server's window is
 *   corrected by `observe`, which pauses the key when the server reports few requests left.
 * A pause learnt from the server (429 + Retry-After, or X-RateLimit-Remaining below the low
 * watermark until X-RateLimit-Reset) is stored in the same table and holds every process.
 */
import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { retryAfterMs, type BudgetLease, type RateBudget } from "./http";
import type { RateWindow } from "./types";

/** `{points, durationSec}`; `exact` = slot mode (exact rolling limit), default on when points ≤ 10. */
export type BudgetWindow = RateWindow;

export interface BudgetOptions {
  /** Namespace in the rate_budget table, e.g. "okasie". */
  keyPrefix?: string;
  /** Extra spacing added to every window, for clock differences between hosts (ms, integer; default 5). */
  safetyMs?: number;
  /** Pause until the server's reset when X-RateLimit-Remaining drops below this. 0 disables. */
  lowWatermark?: number;
  /** Longest pause learnt from headers (guards against a bogus reset). */
  maxPauseMs?: number;
  tableName?: string;
  /**
   * A burst slot is re-stamped when the answer arrives, or at the latest this long after the
   * request left (a slow server counted the request on arrival, not when it answered).
   */
  maxInFlightMs?: number;
}

/** The budget key of a secret: a short sha256 prefix, so the secret itself is never stored. */
export function budgetKeyFor(marketplace: string, secret: string): string {
  return `${marketplace.toLowerCase()}:${createHash("sha256").update(secret).digest("hex").slice(0, 24)}`;
}

type LimiterFactory = (opts: { points: number; duration: number; keyPrefix: string }) => RateLimiterAbstract;

/**
 * Seconds whose ×1000 is an exact integer: the store keeps `expire` as bigint milliseconds, and a
 * float such as 1000.0000000000001 would be refused by PostgreSQL.
 */
function exactSeconds(ms: number): number {
  let m = Math.max(1, Math.round(ms));
  while ((m / 1000) * 1000 !== m) m += 1;
  return m / 1000;
}

interface Gate {
  /** Either a single fixed window, or slots of one point each. */
  limiters: RateLimiterAbstract[];
  exact: boolean;
  durationSec: number;
  /** The slot to try first: the one that frees soonest, as last seen. */
  hint: number;
}

export interface PacedBudget extends RateBudget {
  /** How long acquire() has waited in total, and how often the server made us pause. */
  readonly stats: { acquired: number; waitedMs: number; pauses: number };
}

class WindowedBudget implements PacedBudget {
  readonly stats = { acquired: 0, waitedMs: 0, pauses: 0 };
  private readonly gates: Gate[];
  private readonly pause: RateLimiterAbstract;
  private readonly safetyMs: number;
  private readonly lowWatermark: number;
  private readonly maxPauseMs: number;
  private readonly maxInFlightMs: number;

  constructor(factory: LimiterFactory, windows: BudgetWindow[], options: BudgetOptions) {
    const prefix = options.keyPrefix ?? "budget";
    // Small: burst slots are re-stamped when the answer arrives, which is already after the server
    // counted the request; the margin only covers clock differences between hosts.
    this.safetyMs = Math.max(0, Math.round(options.safetyMs ?? 5));
    this.lowWatermark = options.lowWatermark ?? 10;
    this.maxPauseMs = options.maxPauseMs ?? 120_000;
    this.maxInFlightMs = options.maxInFlightMs ?? 500;
    // Shortest window first: it is the one that usually says "wait", before we touch the others.
    const sorted = [...windows].sort((a, b) => a.durationSec - b.durationSec);
    this.gates = sorted.map((w, i) => {
      const duration = exactSeconds(Math.round(w.durationSec * 1000) + this.safetyMs);
      const exact = w.exact ?? w.points <= 10;
      if (exact) {
        return {
          exact,
          hint: 0,
          durationSec: duration,
          limiters: Array.from({ length: w.points }, (_, s) => factory({ points: 1, duration, keyPrefix: `${prefix}:w${i}:s${s}` })),
        };
      }
      return { exact, hint: 0, durationSec: duration, limiters: [factory({ points: w.points, duration, keyPrefix: `${prefix}:w${i}` })] };
    });
    this.pause = factory({ points: 1, duration: 3600, keyPrefix: `${prefix}:pause` });
  }

  /** Consumes one point from one limiter of the gate; returns 0, or how long to wait. */
  private async takeFromGate(gate: Gate, key: string): Promise<{ taken: RateLimiterAbstract | null; waitMs: number }> {
    let waitMs = Number.POSITIVE_INFINITY;
    const n = gate.limiters.length;
    const start = gate.hint % n;
    for (let k = 0; k < n; k++) {
      const index = (start + k) % n;
      const limiter = gate.limiters[index];
      try {
        await limiter.consume(key, 1);
        gate.hint = index + 1;
        return { taken: limiter, waitMs: 0 };
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const ms = Math.max(1, err.msBeforeNext);
        if (ms < waitMs) {
          waitMs = ms;
          gate.hint = index;
        }
      }
    }
    return { taken: null, waitMs };
  }

  async acquire(key: string, signal?: AbortSignal): Promise<BudgetLease> {
    for (;;) {
      signal?.throwIfAborted();
      const paused = await this.pause.get(key);
      if (paused && paused.consumedPoints > 1 && paused.msBeforeNext > 0) {
        this.stats.waitedMs += paused.msBeforeNext;
        await sleep(paused.msBeforeNext, undefined, { signal });
        continue;
      }
      const taken: RateLimiterAbstract[] = [];
      const slots: { limiter: RateLimiterAbstract; durationSec: number }[] = [];
      let waitMs = 0;
      for (const gate of this.gates) {
        const r = await this.takeFromGate(gate, key);
        if (!r.taken) {
          waitMs = r.waitMs;
          break;
        }
        taken.push(r.taken);
        if (gate.exact) slots.push({ limiter: r.taken, durationSec: gate.durationSec });
      }
      if (waitMs === 0) {
        this.stats.acquired += 1;
        let stamped = false;
        // Re-stamp the slots when the answer arrives (the server surely had the request), or after
        // maxInFlightMs if the server is slow to answer: it counted the request long before.
        const restamp = async () => {
          if (stamped) return;
          stamped = true;
          clearTimeout(timer);
          await Promise.all(slots.map((s) => s.limiter.set(key, 1, s.durationSec))).catch(() => {});
        };
        const timer = setTimeout(() => void restamp(), this.maxInFlightMs);
        timer.unref?.();
        if (slots.length === 0) stamped = true;
        return { release: restamp };
      }
      // Give back what the shorter windows granted: this request is not leaving yet.
      await Promise.all(taken.map((l) => l.reward(key, 1)));
      this.stats.waitedMs += waitMs;
      await sleep(waitMs, undefined, { signal });
    }
  }

  async observe(key: string, headers: Headers, status: number): Promise<void> {
    let pauseMs = 0;
    if (status === 429) {
      pauseMs = retryAfterMs(headers) ?? 1000;
    } else if (this.lowWatermark > 0) {
      const remaining = Number(headers.get("x-ratelimit-remaining"));
      const reset = Number(headers.get("x-ratelimit-reset"));
      if (headers.has("x-ratelimit-remaining") && Number.isFinite(remaining) && remaining < this.lowWatermark && Number.isFinite(reset) && reset > 0) {
        // Reset is Unix seconds; a value that looks like "seconds from now" is read as such.
        const resetMs = reset > 1e9 ? reset * 1000 - Date.now() : reset * 1000;
        pauseMs = Math.max(0, resetMs) + this.safetyMs;
      }
    }
    if (pauseMs <= 0) return;
    pauseMs = Math.min(pauseMs, this.maxPauseMs);
    this.stats.pauses += 1;
    const current = await this.pause.get(key);
    // Never shorten a longer pause another process already set.
    if (current && current.consumedPoints > 1 && current.msBeforeNext >= pauseMs) return;
    await this.pause.block(key, Math.ceil(pauseMs / 1000));
  }
}

/**
 * A budget shared by every process on the same database. `pool` is the caller's `pg` Pool; the
 * table `rate_budget(key varchar(255) primary key, points integer not null default 0, expire bigint)`
 * comes from the Prisma migrations.
 */
export function createPostgresBudget(pool: Pool, windows: BudgetWindow[], options: BudgetOptions = {}): PacedBudget {
  const tableName = options.tableName ?? "rate_budget";
  return new WindowedBudget(
    (o) => new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName, tableCreated: true, clearExpiredByTimeout: false, ...o }),
    windows,
    options,
  );
}

/** The same pacing in process memory: for unit tests and single-process tools only. */
export function createMemoryBudget(windows: BudgetWindow[], options: BudgetOptions = {}): PacedBudget {
  return new WindowedBudget((o) => new RateLimiterMemory(o), windows, options);
}
