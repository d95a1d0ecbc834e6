/**
 * The timing profiles (SANDBOX_TIMING): "contract" is what blocket.md G-TIME says (500 ms per
 * step, no jitter; Okasie at once), "realistic" what production looks like (Blocket steps of
 * seconds with jitter and a slow step now and then; Okasie latency growing with a bulk's items).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOCKET_TIMING, OKASIE_TIMING, randomSource, timingProfileName } from "@/sandbox/shared/timing";
import { blocketCar, clause, okasieCar, startBlocket, startOkasie, type BlocketHandle, type OkasieHandle } from "./harness";

/** Duration of every worker step of an ad, from its log (processing → done/error pairs). */
function stepDurations(log: { action: string; state: string; created: string }[]): number[] {
  const out: number[] = [];
  const open = new Map<string, number>();
  for (const e of log) {
    if (e.state === "processing") open.set(e.action, Date.parse(e.created));
    else if (open.has(e.action)) out.push(Date.parse(e.created) - open.get(e.action)!);
  }
  return out;
}

describe("Blocket timing profiles", () => {
  let b: BlocketHandle;
  beforeAll(async () => { b = await startBlocket({ timing: "realistic", randomSeed: 18 }); });
  afterAll(async () => b?.close());

  clause("blocket.md §1.4 [DOC] \"seconds to minutes\"", "realistic: steps of seconds with jitter, and every tenth step slow", async () => {
    expect(await b.control("GET", "/config")).toMatchObject({ timing: "realistic", ...{ processingDelayMs: 1_500, processingJitterMs: 1_000, slowStepEvery: 10, slowStepMs: 8_000 } });
    for (let i = 0; i < 4; i++) await b.api("POST", "/v4/car", blocketCar(`rt-${i}`, { image_urls: [`https://photos.example.com/${i}.jpg`] }));
    await b.drain(); // virtual time: the manual clock jumps to each step's end
    const durations = (await Promise.all([0, 1, 2, 3].map((i) => b.ad(`rt-${i}`)))).flatMap((ad) => stepDurations(ad.log));
    expect(durations).toHaveLength(12);
    const slow = durations.filter((d) => d >= 7_000);
    const normal = durations.filter((d) => d < 7_000);
    expect(slow).toHaveLength(1);
    expect(slow[0]).toBeLessThan(9_100);
    for (const d of normal) {
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThan(2_600);
    }
    expect(new Set(normal.map((d) => Math.round(d / 100))).size).toBeGreaterThan(3); // jitter, not one fixed value
  });

  clause("blocket.md G-SIM", "/__sim/config switches profiles; a fixed processingDelayMs turns jitter and slow steps off", async () => {
    expect(await b.control("PUT", "/config", { timing: "contract" })).toMatchObject({ timing: "contract", processingDelayMs: 500, processingJitterMs: 0, slowStepEvery: 0 });
    expect((await b.control("PUT", "/config", { timing: "sluggish" })).detail).toMatch(/timing must be one of/);
    const fixed = await startBlocket({ timing: "realistic", processingDelayMs: 5 });
    try {
      expect(await fixed.control("GET", "/config")).toMatchObject({ processingDelayMs: 5, processingJitterMs: 0, slowStepEvery: 0 });
    } finally {
      await fixed.close();
    }
  });
});

describe("Okasie timing profiles", () => {
  let o: OkasieHandle;
  beforeAll(async () => { o = await startOkasie({ timing: "realistic", randomSeed: 18 }); });
  afterAll(async () => o?.close());

  clause("okasie.md §5.4", "realistic: every answer has network latency, a bulk write more with each item", async () => {
    const { latencyMs, jitterMs, perItemMs } = OKASIE_TIMING.realistic;
    expect((await o.control("/config")).timing).toMatchObject({ profile: "realistic", latencyMs, jitterMs, perItemMs });
    const read = await o.api("GET", "/locations");
    expect(read.status).toBe(200);
    expect(read.ms).toBeGreaterThanOrEqual(latencyMs - jitterMs - 5);
    const items = Array.from({ length: 40 }, (_, i) => ({ ...okasieCar(), externalReference: `LAT-${i}` }));
    const bulk = await o.api("POST", "/listings/bulk-upsert", { items });
    expect(bulk.body.data.successCount).toBe(40);
    expect(bulk.ms).toBeGreaterThanOrEqual(latencyMs - jitterMs + 40 * perItemMs - 5);
  });

  clause("okasie.md §5.4", "every Nth answer is slow; the contract profile adds nothing", async () => {
    await o.control("/config", { latencyMs: 0, jitterMs: 0, perItemMs: 0, slowEvery: 2, slowMs: 300 });
    const a = await o.api("GET", "/locations");
    const b = await o.api("GET", "/locations");
    expect(Math.max(a.ms, b.ms)).toBeGreaterThanOrEqual(295);
    await o.control("/config", { timing: "contract" });
    expect((await o.control("/config")).timing).toEqual({ profile: "contract", ...OKASIE_TIMING.contract });
  });
});

describe("choosing a profile", () => {
  it("reads SANDBOX_TIMING: empty is contract, an unknown name is an error; a seed replays the jitter", () => {
    expect(timingProfileName(undefined)).toBe("contract");
    expect(timingProfileName(" Realistic ")).toBe("realistic");
    expect(() => timingProfileName("fast")).toThrow(/Unknown sandbox timing profile "fast"/);
    const a = randomSource(7);
    const b = randomSource(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(BLOCKET_TIMING.contract.stepMs).toBe(500); // blocket.md G-TIME
  });
});
