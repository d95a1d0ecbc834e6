/**
 * Timing profiles of the simulators, chosen with SANDBOX_TIMING in `npm run dev` / `npm run
 * sandbox`, or per simulator in tests.
 *
 * - `contract` (default): what the contracts say the simulators do. Blocket runs each worker
 *   step in 500 ms with no jitter (blocket.md G-TIME); Okasie answers at once.
 * - `realistic`: what a client meets in production. Blocket steps take seconds with jitter and
 *   every tenth step is slow ("seconds to minutes depending on load", blocket.md §1.4); Okasie
 *   answers with network latency that grows with the items of a bulk write, and now and then a
 *   slow answer. Slow steps come on a fixed schedule so a test under this profile is repeatable;
 *   the jitter comes from a seeded generator (SANDBOX_TIMING_SEED) when one is given.
 */

export type TimingProfileName = "contract" | "realistic";
export const TIMING_PROFILES: readonly TimingProfileName[] = ["contract", "realistic"];

export interface BlocketTiming {
  /** Mean duration of one worker step (create, handle_media, publish, …). */
  stepMs: number;
  /** Each step lasts stepMs ± up to this much (uniform). */
  jitterMs: number;
  /** Every Nth step the worker runs is slow; 0 = never. */
  slowStepEvery: number;
  /** Duration of a slow step (jitter applies too). */
  slowStepMs: number;
}

export interface OkasieTiming {
  /** Added to every API answer. */
  latencyMs: number;
  /** Each answer lasts latencyMs ± up to this much (uniform). */
  jitterMs: number;
  /** Added per item of a write (bulk upsert items; a PUT counts one). */
  perItemMs: number;
  /** Every Nth API answer is slow; 0 = never. */
  slowEvery: number;
  slowMs: number;
}

export const BLOCKET_TIMING: Record<TimingProfileName, BlocketTiming> = {
  contract: { stepMs: 500, jitterMs: 0, slowStepEvery: 0, slowStepMs: 0 },
  realistic: { stepMs: 1_500, jitterMs: 1_000, slowStepEvery: 10, slowStepMs: 8_000 },
};

export const OKASIE_TIMING: Record<TimingProfileName, OkasieTiming> = {
  contract: { latencyMs: 0, jitterMs: 0, perItemMs: 0, slowEvery: 0, slowMs: 0 },
  realistic: { latencyMs: 180, jitterMs: 120, perItemMs: 12, slowEvery: 25, slowMs: 1_500 },
};

/** An Okasie timing with the name of the profile it came from. */
export function okasieTiming(profile: TimingProfileName): OkasieTiming & { profile: TimingProfileName } {
  return { profile, ...OKASIE_TIMING[profile] };
}

export function timingProfileName(value: string | undefined | null): TimingProfileName {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "") return "contract";
  if ((TIMING_PROFILES as readonly string[]).includes(v)) return v as TimingProfileName;
  throw new Error(`Unknown sandbox timing profile "${value}" (expected ${TIMING_PROFILES.join(" or ")})`);
}

/** A small seeded generator (mulberry32), so jitter can be replayed; unseeded = Math.random. */
export function randomSource(seed?: number | null): () => number {
  if (seed === undefined || seed === null || !Number.isFinite(seed)) return Math.random;
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** mean ± jitter, never negative. */
export function jittered(mean: number, jitter: number, random: () => number): number {
  if (jitter <= 0) return Math.max(0, mean);
  return Math.max(0, Math.round(mean + (random() * 2 - 1) * jitter));
}
