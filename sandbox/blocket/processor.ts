/**
 * The background worker (blocket.md §1.4, G-FLOW): each write becomes a job of actions run one
 * after another per ad; every action writes `processing` then `done` or `error`. Jobs of one ad
 * are serialised; different ads run concurrently on the shared scheduler. A step lasts what the
 * timing profile says (G-TIME); handle_media really downloads the images it can reach
 * (G-MEDIA) and lasts at least as long as those downloads.
 */
import { createHash, randomUUID } from "node:crypto";
import type { FaultRegistry } from "./faults";
import type { Scheduler } from "./scheduler";
import { isRegistered } from "./categories";
import type { Action, ActionState, AdStore, ImageRef, Job, StoredAd } from "./store";
import type { FetchOutcome, ImageFetcher } from "../shared/image-fetch";
import { jittered } from "../shared/timing";
import type { SimConfig } from "./state";

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
  /** Steps run since the last reset, for the slow-step schedule of the timing profile. */
  private steps = 0;
  /** Bumped by reset(), so a download that ends afterwards touches nothing. */
  private generation = 0;
  private readonly downloads = new Set<Promise<void>>();

  constructor(
    private readonly store: AdStore,
    private readonly scheduler: Scheduler,
    private readonly faults: FaultRegistry,
    private readonly images: ImageFetcher,
    private readonly config: () => SimConfig,
    private readonly random: () => number,
  ) {}

  reset(): void {
    this.generation += 1;
    this.steps = 0;
    this.charges.length = 0;
    this.downloads.clear();
  }

  /** Whether an image download is still running. */
  get downloading(): boolean {
    return this.downloads.size > 0;
  }

  /** Resolves once every running download has ended and its step has been rescheduled. */
  async downloadsSettled(): Promise<void> {
    await Promise.allSettled([...this.downloads]);
  }

  /** How long the next step takes: the profile's duration with jitter; every Nth step is slow. */
  private stepDelay(): number {
    const c = this.config();
    this.steps += 1;
    const slow = c.slowStepEvery > 0 && this.steps % c.slowStepEvery === 0;
    return jittered(slow ? c.slowStepMs : c.processingDelayMs, c.processingJitterMs, this.random);
  }

  log(ad: StoredAd, requestId: string, action: Action, state: ActionState, message: unknown): void {
    const created = this.scheduler.now();
    ad.log.push({ seq: this.store.nextLogSeq(), requestId, created, action, state, externalMessage: message });
    ad.updated = created;
  }

  /**
   * Queues a job and writes its `processing` entry now (the synchronous part of the request,
   * G-FLOW): the first step's, or `announce`'s — DELETE announces `delete` before its
   * `unpublish` step runs. Returns the request id.
   */
  enqueue(ad: StoredAd, steps: Action[], opts: { imageUrls?: string[]; options?: Record<string, unknown>; requestId?: string; announce?: Action } = {}): string {
    const requestId = opts.requestId ?? randomUUID();
    if (steps.length === 0) return requestId;
    const announced = opts.announce ?? steps[0];
    const job: Job = { requestId, steps, index: 0, imageUrls: opts.imageUrls ?? [], announced, options: opts.options, media: null };
    this.log(ad, requestId, announced, "processing", PROCESSING_MESSAGE[announced] ?? "Processing");
    ad.settledAt = null;
    ad.queue.push(job);
    if (ad.queue.length === 1) {
      // The request writes only its announced entry; a different first step is the worker's to start.
      if (announced === steps[0]) this.startStep(ad, job);
      else this.scheduler.schedule(0, () => { if (ad.queue[0] === job) this.startStep(ad, job); });
    }
    return requestId;
  }

  hasPending(ad: StoredAd, action?: Action): boolean {
    return ad.queue.some((job) => (action ? job.steps.slice(job.index).includes(action) : true));
  }

  private startStep(ad: StoredAd, job: Job): void {
    const action = job.steps[job.index];
    // The announced action's processing entry was written with the request; every other step writes its own.
    if (action === job.announced) job.announced = null;
    else this.log(ad, job.requestId, action, "processing", PROCESSING_MESSAGE[action] ?? "Processing");
    if (action === "handle_media") this.startDownloads(job);
    this.scheduler.schedule(this.stepDelay(), () => this.finishStep(ad, job));
  }

  /** Starts the real downloads of handle_media (URLs the sandbox reaches); the rest go by URL. */
  private startDownloads(job: Job): void {
    const reachable = [...new Set(job.imageUrls.filter((url) => this.images.reaches(url)))];
    const results = new Map<string, FetchOutcome>();
    if (reachable.length === 0) {
      job.media = { results, done: true, finished: Promise.resolve() };
      return;
    }
    const finished = Promise.all(reachable.map(async (url) => void results.set(url, await this.images.fetch(url)))).then(() => {
      if (job.media) job.media.done = true;
    });
    job.media = { results, done: false, finished };
    this.track(finished);
  }

  private track(promise: Promise<unknown>): void {
    const tracked: Promise<void> = promise.then(() => {}, () => {}).finally(() => this.downloads.delete(tracked));
    this.downloads.add(tracked);
  }

  private finishStep(ad: StoredAd, job: Job): void {
    if (ad.queue[0] !== job) return; // the store was reset under us
    const action = job.steps[job.index];
    if (action === "handle_media" && job.media && !job.media.done) {
      // The downloads take longer than the step: the step ends when they do.
      const generation = this.generation;
      const waiting = job.media.finished.then(() => {
        if (generation === this.generation) this.scheduler.schedule(0, () => this.finishStep(ad, job));
      });
      this.track(waiting);
      return;
    }
    const outcome = this.run(ad, job, action);
    this.log(ad, job.requestId, action, outcome.state, outcome.message);
    job.index += 1;
    if (!outcome.stopJob && job.index < job.steps.length) return this.startStep(ad, job);
    ad.queue.shift();
    const next = ad.queue[0];
    if (next) {
      next.announced = null; // its entry was written on arrival; fresh entries mark the actual start
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
      const downloaded = job.media?.results.get(url);
      const reason = downloaded ? downloadFailure(downloaded) : imageFailure(url);
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

/** G-MEDIA for a real download: JPEG and PNG by their bytes; anything else unsupported. */
function downloadFailure(outcome: FetchOutcome): string | null {
  if (outcome.ok) return outcome.format === "jpeg" || outcome.format === "png" ? null : "unsupported format";
  return outcome.failure === "not_image" ? "unsupported format" : "download failed";
}

/** G-MEDIA for hosts the sandbox does not reach: decided from the URL alone. */
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
