/**
 * The background worker (blocket.md §1.4, G-FLOW): each write becomes a job of actions run one
 * after another per ad; every action writes `processing` then `done` or `error`. Jobs of one ad
 * are serialised; different ads run concurrently on the shared scheduler.
 */
import { createHash, randomUUID } from "node:crypto";
import type { FaultRegistry } from "./faults";
import type { Scheduler } from "./scheduler";
import { isRegistered } from "./categories";
import type { Action, ActionState, AdStore, ImageRef, Job, StoredAd } from "./store";

export interface ProcessorConfig {
  /** Duration of one action step. */
  stepDelayMs: number;
}

export interface ChargeEvent {
  at: number;
  dealerCode: string;
  sourceId: string;
  kind: "bump" | "boost";
  marketplaces: string[];
}

const PROCESSING_MESSAGE: Partial<Record<Action, string>> = { publish: "Publishing in progress." };
const UNSUPPORTED_IMAGE = /\.(gif|webp|bmp|tiff?|heic|svg)$/i;
const POLE_POSITION_MS = 3 * 24 * 3600 * 1000;

type StepOutcome = { state: ActionState; message: unknown; stopJob?: boolean };

export class Processor {
  readonly charges: ChargeEvent[] = [];

  constructor(
    private readonly store: AdStore,
    private readonly scheduler: Scheduler,
    private readonly faults: FaultRegistry,
    readonly config: ProcessorConfig,
  ) {}

  log(ad: StoredAd, requestId: string, action: Action, state: ActionState, message: unknown): void {
    const created = this.scheduler.now();
    ad.log.push({ seq: this.store.nextLogSeq(), requestId, created, action, state, externalMessage: message });
    ad.updated = created;
  }

  /**
   * Queues a job and writes its first `processing` entry now (the synchronous part of the
   * request). Returns the request id.
   */
  enqueue(ad: StoredAd, steps: Action[], opts: { imageUrls?: string[]; options?: Record<string, unknown>; requestId?: string } = {}): string {
    const requestId = opts.requestId ?? randomUUID();
    if (steps.length === 0) return requestId;
    const job: Job = { requestId, steps, index: 0, imageUrls: opts.imageUrls ?? [], firstStepLogged: true, options: opts.options };
    this.log(ad, requestId, steps[0], "processing", PROCESSING_MESSAGE[steps[0]] ?? "Processing");
    ad.settledAt = null;
    ad.queue.push(job);
    if (ad.queue.length === 1) this.startStep(ad, job);
    return requestId;
  }

  hasPending(ad: StoredAd, action?: Action): boolean {
    return ad.queue.some((job) => (action ? job.steps.slice(job.index).includes(action) : true));
  }

  private startStep(ad: StoredAd, job: Job): void {
    const action = job.steps[job.index];
    if (job.index > 0 || !job.firstStepLogged) this.log(ad, job.requestId, action, "processing", PROCESSING_MESSAGE[action] ?? "Processing");
    this.scheduler.schedule(this.config.stepDelayMs, () => this.finishStep(ad, job));
  }

  private finishStep(ad: StoredAd, job: Job): void {
    if (ad.queue[0] !== job) return; // the store was reset under us
    const action = job.steps[job.index];
    const outcome = this.run(ad, job, action);
    this.log(ad, job.requestId, action, outcome.state, outcome.message);
    job.index += 1;
    if (!outcome.stopJob && job.index < job.steps.length) return this.startStep(ad, job);
    ad.queue.shift();
    const next = ad.queue[0];
    if (next) {
      next.firstStepLogged = false; // its first entry was written on arrival; a fresh one marks the start
      this.startStep(ad, next);
    } else {
      ad.settledAt = this.scheduler.now();
    }
  }

  private run(ad: StoredAd, job: Job, action: Action): StepOutcome {
    const fault = this.faults.takeAction(action, ad.sourceId);
    if (fault) {
      const stopJob = action !== "handle_media" || ad.data.dont_publish_on_failed_images === true;
      return { state: "error", message: fault.message ?? defaultFaultMessage(action), stopJob };
    }
    switch (action) {
      case "create":
        return { state: "done", message: ad.linkedAdmin ? "Ad linked to existing Blocket Admin ad" : "Ad created" };
      case "update":
        return { state: "done", message: "Ad updated" };
      case "handle_media":
        return this.handleMedia(ad, job);
      case "publish":
        return this.publish(ad);
      case "unpublish":
        ad.published = false;
        return { state: "done", message: "Ad unpublished" };
      case "delete":
        ad.published = false;
        ad.state = "deleted";
        ad.poleUntil = null;
        return { state: "done", message: "Ad deleted" };
      case "bump":
        this.charges.push({ at: this.scheduler.now(), dealerCode: ad.dealerCode, sourceId: ad.sourceId, kind: "bump", marketplaces: bumpMarketplaces(ad, job) });
        return { state: "done", message: "Ad bumped" };
      case "boost":
        ad.poleUntil = this.scheduler.now() + POLE_POSITION_MS;
        this.charges.push({ at: this.scheduler.now(), dealerCode: ad.dealerCode, sourceId: ad.sourceId, kind: "boost", marketplaces: ["blocket"] });
        return { state: "done", message: "Pole position activated" };
    }
  }

  private handleMedia(ad: StoredAd, job: Job): StepOutcome {
    const refs: ImageRef[] = [];
    const failed: { url: string; reason: string }[] = [];
    for (const url of job.imageUrls) {
      const reason = imageFailure(url);
      if (reason) {
        failed.push({ url, reason });
        continue;
      }
      const checksum = createHash("sha256").update(url).digest("hex");
      refs.push({ url, cdn_url: `https://images.blocket.example/${checksum.slice(0, 24)}.jpg`, id: `img_${checksum.slice(0, 12)}`, checksum });
    }
    ad.imageRefs = refs;
    if (failed.length === 0) return { state: "done", message: "Images uploaded" };
    return { state: "error", message: { failed_images: failed }, stopJob: ad.data.dont_publish_on_failed_images === true };
  }

  private publish(ad: StoredAd): StepOutcome {
    const registered = isRegistered(ad.categoryId, ad.apiVersion);
    ad.blocketAdId ??= ad.linkedAdmin?.blocketAdId ?? this.store.nextBlocketAdId();
    if (registered) ad.offerId ??= ad.linkedAdmin?.offerId ?? String(7_000_000 + Number(ad.blocketAdId.slice(-6)));
    ad.blocketStoreId ??= ad.dealerStoreId;
    ad.published = true;
    return { state: "done", message: "Ad published" };
  }
}

function imageFailure(url: string): string | null {
  if (/fail/i.test(url)) return "download failed";
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    return "download failed";
  }
  return UNSUPPORTED_IMAGE.test(path) ? "unsupported format" : null;
}

function bumpMarketplaces(ad: StoredAd, job: Job): string[] {
  if (!isRegistered(ad.categoryId, ad.apiVersion)) return ["blocket"];
  const out: string[] = [];
  if (job.options?.exclude_blocket !== true) out.push("blocket");
  if (job.options?.exclude_bytbil !== true) out.push("bytbil");
  return out;
}

function defaultFaultMessage(action: Action): unknown {
  if (action === "handle_media") return { failed_images: [{ url: "*", reason: "download failed" }] };
  if (action === "publish") return "Marketplace rejected the ad";
  return `The ${action} action failed`;
}
