/**
 * In-memory ad store with the indexes the API needs: by internal id, by (dealer, source_id)
 * and by source_id alone (group-token path lookups, `source_id__in`). Nothing here scans all
 * ads except an unfiltered list.
 */
import type { FetchOutcome } from "../shared/image-fetch";

export type Action = "create" | "update" | "handle_media" | "publish" | "unpublish" | "delete" | "bump" | "boost";
export type ActionState = "processing" | "done" | "error";

export interface LogEntry {
  /** Global insertion order: ties on `created` keep it. */
  seq: number;
  requestId: string;
  created: number;
  action: Action;
  state: ActionState;
  externalMessage: unknown;
}

export interface ImageRef {
  url: string;
  cdn_url: string;
  id: string;
  checksum: string;
}

export interface Job {
  requestId: string;
  steps: Action[];
  index: number;
  /** image_urls to process in handle_media (the request's list). */
  imageUrls: string[];
  /** The action whose `processing` entry the request wrote already; null once consumed. */
  announced: Action | null;
  /** bump: which marketplaces. */
  options?: Record<string, unknown>;
  /** handle_media: the real downloads of this job (null until the step starts). */
  media: { results: Map<string, FetchOutcome>; done: boolean; finished: Promise<void> } | null;
}

export interface StoredAd {
  id: string;
  sourceId: string;
  dealerCode: string;
  categoryId: number;
  apiVersion: "v3" | "v4";
  state: "created" | "deleted";
  /** Request fields as stored (no source_id, dealer_code, category_id, image_urls). */
  data: Record<string, unknown>;
  imageUrls: string[];
  imageRefs: ImageRef[];
  blocketAdId: string | null;
  offerId: string | null;
  blocketStoreId: string | null;
  /** The dealer's store id, shown as blocket_store_id once the ad is published. */
  dealerStoreId: string;
  published: boolean;
  poleUntil: number | null;
  linkedAdmin: { blocketAdId: string; offerId: string | null } | null;
  created: number;
  updated: number;
  log: LogEntry[];
  queue: Job[];
  /** When the last queued job finished (simulator time), for benchmarks and /__sim/state. */
  settledAt: number | null;
}

export class AdStore {
  private byId = new Map<string, StoredAd>();
  private byDealer = new Map<string, Map<string, StoredAd>>();
  private bySource = new Map<string, StoredAd[]>();
  private logSeq = 0;
  private adSeq = 0;

  clear(): void {
    this.byId.clear();
    this.byDealer.clear();
    this.bySource.clear();
  }

  get size(): number {
    return this.byId.size;
  }

  nextLogSeq(): number {
    return ++this.logSeq;
  }

  nextBlocketAdId(): string {
    return String(1_200_000_000 + ++this.adSeq);
  }

  insert(ad: StoredAd): void {
    this.byId.set(ad.id, ad);
    let dealer = this.byDealer.get(ad.dealerCode);
    if (!dealer) this.byDealer.set(ad.dealerCode, (dealer = new Map()));
    dealer.set(ad.sourceId, ad);
    const list = this.bySource.get(ad.sourceId);
    if (list) list.push(ad);
    else this.bySource.set(ad.sourceId, [ad]);
  }

  get(dealerCode: string, sourceId: string): StoredAd | undefined {
    return this.byDealer.get(dealerCode)?.get(sourceId);
  }

  /** Ads with this source_id among the given dealers. */
  findBySource(sourceId: string, dealerCodes: readonly string[]): StoredAd[] {
    const list = this.bySource.get(sourceId);
    if (!list) return [];
    return list.filter((ad) => dealerCodes.includes(ad.dealerCode));
  }

  /** Every ad of the given dealers, in insertion (= creation) order. */
  allFor(dealerCodes: readonly string[]): StoredAd[] {
    const out: StoredAd[] = [];
    for (const code of dealerCodes) {
      const dealer = this.byDealer.get(code);
      if (dealer) for (const ad of dealer.values()) out.push(ad);
    }
    return out;
  }

  all(): IterableIterator<StoredAd> {
    return this.byId.values();
  }
}
