/**
 * The simulator's rate limiter (G-05): per bucket (API secret, or client IP for failed auth) a
 * fixed 60 s window opened by its first request, plus a burst rule that rejects a request when the
 * rolling second before it already holds `burstPerSecond` accepted requests. Rejections do not
 * consume quota. `0` disables a limit.
 */
export interface RateLimits {
  perMinute: number;
  burstPerSecond: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds, for Retry-After on a 429. */
  retryAfterSec?: number;
  retryAtMs?: number;
}

interface Bucket {
  windowStart: number;
  count: number;
  recent: number[];
}

const WINDOW_MS = 60_000;

export function limitsFromEnv(): RateLimits {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : d);
  return { perMinute: num(process.env.OKASIE_SIM_RATE_PER_MIN, 120), burstPerSecond: num(process.env.OKASIE_SIM_BURST_PER_SEC, 5) };
}

export class SimRateLimiter {
  private buckets = new Map<string, Bucket>();
  constructor(public limits: RateLimits) {}

  reset(): void {
    this.buckets.clear();
  }

  private bucket(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b || now >= b.windowStart + WINDOW_MS) {
      b = { windowStart: now, count: 0, recent: b?.recent ?? [] };
      this.buckets.set(key, b);
    }
    b.recent = b.recent.filter((t) => t > now - 1000);
    return b;
  }

  /** Headers for a response that does not count (e.g. a 429 by fault injection). */
  peek(key: string, now: number): Record<string, string> {
    const b = this.bucket(key, now);
    return this.headers(b, now);
  }

  private headers(b: Bucket, _now: number): Record<string, string> {
    const limit = this.limits.perMinute;
    return {
      "X-RateLimit-Limit": String(limit > 0 ? limit : 0),
      "X-RateLimit-Remaining": String(limit > 0 ? Math.max(0, limit - b.count) : 0),
      "X-RateLimit-Reset": String(Math.ceil((b.windowStart + WINDOW_MS) / 1000)),
    };
  }

  take(key: string, now: number): RateDecision {
    const b = this.bucket(key, now);
    const { perMinute, burstPerSecond } = this.limits;
    if (perMinute > 0 && b.count >= perMinute) {
      const reset = b.windowStart + WINDOW_MS;
      return { allowed: false, headers: this.headers(b, now), retryAfterSec: Math.max(1, Math.ceil((reset - now) / 1000)), retryAtMs: reset };
    }
    if (burstPerSecond > 0 && b.recent.length >= burstPerSecond) {
      return { allowed: false, headers: this.headers(b, now), retryAfterSec: 1, retryAtMs: b.recent[0] + 1000 };
    }
    b.count += 1;
    b.recent.push(now);
    return { allowed: true, headers: this.headers(b, now) };
  }
}
