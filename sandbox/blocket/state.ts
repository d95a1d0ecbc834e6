/**
 * Everything one simulator instance holds: seed (dealers, tokens), ads, the worker, faults and
 * the knobs /__sim can turn.
 */
import { defaultSeed, type SeedData } from "./fixtures";
import { FaultRegistry } from "./faults";
import { Processor } from "./processor";
import { Scheduler } from "./scheduler";
import { AdStore } from "./store";

export interface SimConfig {
  /** Duration of one worker step (create, handle_media, publish, …). */
  processingDelayMs: number;
  /** "bare-when-no-limit": a list without `limit` answers a bare array (stock DRF, G-PAGE). */
  listShape: "envelope" | "bare-when-no-limit";
  putSemantics: "merge" | "replace";
  strictUnknownFields: boolean;
  /** Requests per second per token; 0 = no throttling (G-RATE). */
  rateLimitPerSec: number;
}

export const DEFAULT_STEP_DELAY_MS = 300;

export function defaultConfig(processingDelayMs = DEFAULT_STEP_DELAY_MS): SimConfig {
  return { processingDelayMs, listShape: "envelope", putSemantics: "merge", strictUnknownFields: false, rateLimitPerSec: 0 };
}

export class SandboxState {
  readonly store = new AdStore();
  readonly scheduler = new Scheduler();
  readonly faults = new FaultRegistry();
  readonly processor: Processor;
  config: SimConfig;
  seed: SeedData;
  /** Per-token throttle windows: second → count. */
  readonly throttle = new Map<string, { second: number; count: number }>();

  constructor(private readonly options: { seed?: boolean; processingDelayMs?: number } = {}) {
    this.config = defaultConfig(options.processingDelayMs);
    this.seed = options.seed === false ? { dealers: [], tokens: {}, adminAds: [] } : defaultSeed();
    this.processor = new Processor(this.store, this.scheduler, this.faults, { stepDelayMs: this.config.processingDelayMs });
  }

  setConfig(patch: Partial<SimConfig>): void {
    this.config = { ...this.config, ...patch };
    this.processor.config.stepDelayMs = this.config.processingDelayMs;
  }

  reset(seed = this.options.seed !== false): void {
    this.store.clear();
    this.scheduler.clear();
    this.scheduler.setMode("realtime");
    this.faults.clear();
    this.throttle.clear();
    this.processor.charges.length = 0;
    this.config = defaultConfig(this.options.processingDelayMs);
    this.processor.config.stepDelayMs = this.config.processingDelayMs;
    this.seed = seed ? defaultSeed() : { dealers: [], tokens: {}, adminAds: [] };
  }

  dealer(code: string) {
    return this.seed.dealers.find((d) => d.code === code);
  }

  close(): void {
    this.scheduler.close();
  }
}
