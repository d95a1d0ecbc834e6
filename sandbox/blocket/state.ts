/**
 * Everything one simulator instance holds: seed (dealers, tokens), ads, the worker, faults,
 * the image downloader and the knobs /__sim can turn.
 */
import { ImageFetcher, type ImageFetchOptions } from "../shared/image-fetch";
import { BLOCKET_TIMING, randomSource, type TimingProfileName } from "../shared/timing";
import { defaultSeed, type SeedData } from "./fixtures";
import { FaultRegistry } from "./faults";
import { Processor } from "./processor";
import { Scheduler } from "./scheduler";
import { AdStore } from "./store";

export interface SimConfig {
  /** The timing profile the step durations below came from. */
  timing: TimingProfileName;
  /** Mean duration of one worker step (create, handle_media, publish, …); G-TIME: 500 ms. */
  processingDelayMs: number;
  /** Each step lasts processingDelayMs ± up to this much. */
  processingJitterMs: number;
  /** Every Nth step is slow (0 = never), lasting slowStepMs. */
  slowStepEvery: number;
  slowStepMs: number;
  /** "bare-when-no-limit": a list without `limit` answers a bare array (stock DRF, G-PAGE). */
  listShape: "envelope" | "bare-when-no-limit";
  putSemantics: "merge" | "replace";
  /** blocket.md §3.5: "strict" (default) requires S4's field set for cars, vans, mopeds, campers. */
  validationProfile: "strict" | "lenient";
  /** G-CF: unknown keys are refused with 400 instead of dropped. */
  strictUnknownFields: boolean;
  /** Requests per second per token; 0 = no throttling (G-RATE). */
  rateLimitPerSec: number;
}

export interface SandboxStateOptions {
  seed?: boolean;
  /** Timing profile (default "contract": 500 ms steps, no jitter). */
  timing?: TimingProfileName;
  /** Overrides the profile's step duration (tests use a few ms). */
  processingDelayMs?: number;
  /** Seed of the jitter generator, for repeatable runs. */
  randomSeed?: number;
  /** Real image downloads (loopback and these hosts), bounded. */
  imageFetch?: ImageFetchOptions;
}

export function defaultConfig(options: Pick<SandboxStateOptions, "timing" | "processingDelayMs"> = {}): SimConfig {
  const timing = options.timing ?? "contract";
  const profile = BLOCKET_TIMING[timing];
  const custom = options.processingDelayMs !== undefined;
  return {
    timing,
    processingDelayMs: custom ? options.processingDelayMs! : profile.stepMs,
    processingJitterMs: custom ? 0 : profile.jitterMs,
    slowStepEvery: custom ? 0 : profile.slowStepEvery,
    slowStepMs: profile.slowStepMs,
    listShape: "envelope",
    putSemantics: "merge",
    validationProfile: "strict",
    strictUnknownFields: false,
    rateLimitPerSec: 0,
  };
}

export class SandboxState {
  readonly store = new AdStore();
  readonly scheduler = new Scheduler();
  readonly faults = new FaultRegistry();
  readonly images: ImageFetcher;
  readonly processor: Processor;
  config: SimConfig;
  seed: SeedData;
  /** Per-token throttle windows: second → count. */
  readonly throttle = new Map<string, { second: number; count: number }>();

  constructor(private readonly options: SandboxStateOptions = {}) {
    this.config = defaultConfig(options);
    this.seed = options.seed === false ? { dealers: [], tokens: {}, adminAds: [] } : defaultSeed();
    this.images = new ImageFetcher(options.imageFetch);
    this.processor = new Processor(this.store, this.scheduler, this.faults, this.images, () => this.config, randomSource(options.randomSeed));
  }

  setConfig(patch: Partial<SimConfig>): void {
    this.config = { ...this.config, ...patch };
  }

  /** Switches to another timing profile (its step duration, jitter and slow steps). */
  setTiming(timing: TimingProfileName): void {
    const { processingDelayMs, processingJitterMs, slowStepEvery, slowStepMs } = defaultConfig({ timing });
    this.config = { ...this.config, timing, processingDelayMs, processingJitterMs, slowStepEvery, slowStepMs };
  }

  reset(seed = this.options.seed !== false): void {
    this.store.clear();
    this.scheduler.clear();
    this.scheduler.setMode("realtime");
    this.faults.clear();
    this.throttle.clear();
    this.processor.reset();
    this.config = defaultConfig(this.options);
    this.seed = seed ? defaultSeed() : { dealers: [], tokens: {}, adminAds: [] };
  }

  /**
   * Runs every queued step now, waiting for image downloads where a step needs one (manual
   * clock mode: `/__sim/drain`). Resolves when nothing is pending any more.
   */
  async drain(): Promise<number> {
    let ran = 0;
    for (let round = 0; round < 10_000; round++) {
      ran += this.scheduler.drain();
      if (!this.processor.downloading) break;
      await this.processor.downloadsSettled();
    }
    return ran;
  }

  dealer(code: string) {
    return this.seed.dealers.find((d) => d.code === code);
  }

  close(): void {
    this.scheduler.close();
  }
}
