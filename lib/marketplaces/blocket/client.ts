/**
 * Thin typed client over the shared HttpClient (blocket.md §2). Writes use the typed
 * `/v4/{vehicle_type}` endpoints (generation C); reads, deletes and triggers use `/v4/ad`.
 * `generation: "generic"` falls back to generation B paths for writes.
 *
 * POSTs are sent without automatic retries: a POST that may have been stored is only repeated
 * after a look-up shows the ad absent (G-RATE client rule); see `adapter.ts`.
 */
import "server-only";
import { checkPageLimit, HttpClient, MarketplaceHttpError, type HttpClientOptions, type RateBudget } from "../http";
import { adPageSchema, adSchema, logPageSchema, pageItems, vehicleValuesSchema, type AdPayload, type WireAd, type WireLogEntry } from "./wire";

export interface BlocketClientOptions {
  baseUrl: string;
  token: string;
  budget?: RateBudget;
  budgetKey?: string;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  generation?: "typed" | "generic";
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
  /** Most pages one paged read may take (default 2,000). */
  maxPages?: number;
  onAttempt?: HttpClientOptions["onAttempt"];
}

export const LIST_CHUNK = 100;

const seg = (value: string) => encodeURIComponent(value);

/** Filter timestamps are `YYYY-MM-DD HH:MM:SS` in UTC (§2.1, G-TZ). */
export function filterTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, value: unknown, what: string, requestId: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new MarketplaceHttpError(`Blocket sent an unexpected ${what}`, "malformed", 200, undefined, requestId, true, 1);
}

export class BlocketClient {
  private readonly http: HttpClient;
  private readonly posts: HttpClient;
  private readonly generation: "typed" | "generic";
  /** Most pages one paged read may take; a server paging forever is stopped there. */
  readonly maxPages: number;

  constructor(options: BlocketClientOptions) {
    const common: HttpClientOptions = {
      baseUrl: options.baseUrl,
      headers: { "X-Auth-Token": options.token },
      budget: options.budget,
      budgetKey: options.budgetKey,
      signal: options.signal,
      fetchImpl: options.fetchImpl,
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 5,
      minBackoffMs: options.minBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      maxResponseBytes: options.maxResponseBytes,
      onAttempt: options.onAttempt,
    };
    this.http = new HttpClient(common);
    this.posts = new HttpClient({ ...common, retries: 0 });
    this.generation = options.generation ?? "typed";
    this.maxPages = options.maxPages ?? 2_000;
  }


  private writePath(vehicleType: string, sourceId?: string): string {
    const base = this.generation === "typed" ? `/v4/${vehicleType}` : "/v4/ad";
    return sourceId === undefined ? base : `${base}/${seg(sourceId)}`;
  }

  private optionalAd(json: unknown): WireAd | null {
    const result = adSchema.safeParse(json);
    return result.success ? result.data : null;
  }

  /** POST, once. Returns the stored ad when the answer carries it (G-BODY: it may not). */
  async create(vehicleType: string, payload: AdPayload): Promise<WireAd | null> {
    const res = await this.posts.request({ method: "POST", path: this.writePath(vehicleType), body: payload });
    return this.optionalAd(res.json);
  }

  async update(vehicleType: string, sourceId: string, body: unknown): Promise<WireAd | null> {
    const res = await this.http.request({ method: "PUT", path: this.writePath(vehicleType, sourceId), body });
    return this.optionalAd(res.json);
  }

  async remove(sourceId: string): Promise<WireAd | null> {
    const res = await this.http.request({ method: "DELETE", path: `/v4/ad/${seg(sourceId)}` });
    return this.optionalAd(res.json);
  }

  /** POST /v4/{vehicle_type}/validate: stores nothing; only the status code matters (G-VALIDATE). */
  async validate(vehicleType: string, payload: AdPayload): Promise<void> {
    await this.http.request({ method: "POST", path: `/v4/${vehicleType}/validate`, body: payload });
  }

  async get(sourceId: string, query: { dealer_code?: string } = {}): Promise<WireAd | null> {
    try {
      const res = await this.http.request({ method: "GET", path: `/v4/ad/${seg(sourceId)}`, query });
      return parse(adSchema, res.json, "ad", res.requestId);
    } catch (err) {
      if (err instanceof MarketplaceHttpError && err.status === 404) return null;
      throw err;
    }
  }

  /**
   * GET …/bump, …/pole_position, …/retry: GETs that start work (§1.4). Bump and pole position are
   * charged (§4.5), so they are sent once, never retried blindly: a repeat after a lost answer
   * could be a second charge.
   */
  async trigger(sourceId: string, op: "bump" | "pole_position" | "retry", query: Record<string, string> = {}): Promise<WireAd | null> {
    const client = op === "retry" ? this.http : this.posts;
    const res = await client.request({ method: "GET", path: `/v4/ad/${seg(sourceId)}/${op}`, query });
    return this.optionalAd(res.json);
  }

  /**
   * §2.14 vehicle value look-ups: `GET /v4/vehicles/car/brand` and `/v4/vehicles/car/models?brand=`,
   * bare `[{id, name}]` arrays. An unknown brand is a 400 (G-LOOKUP): no models, not a failure.
   */
  async vehicleValues(path: "brand" | "models", query: Record<string, string> = {}): Promise<{ id: string; name: string }[]> {
    try {
      const res = await this.http.request({ method: "GET", path: `/v4/vehicles/car/${path}`, query });
      return parse(vehicleValuesSchema, res.json, "value list", res.requestId);
    } catch (err) {
      if (err instanceof MarketplaceHttpError && err.status === 400 && path === "models") return [];
      throw err;
    }
  }

  /** One page of `GET /v4/ad`. */
  async listPage(query: Record<string, string | number | undefined>): Promise<{ items: WireAd[]; next: string | null | undefined }> {
    const res = await this.http.request({ method: "GET", path: "/v4/ad", query });
    return pageItems(parse(adPageSchema, res.json, "ad list", res.requestId));
  }

  /**
   * Every ad matching `query`, paging by limit/offset. Stops on a short page, and on a page that
   * adds nothing new (a server that ignores `limit` and sends everything at once).
   */
  async listAll(query: Record<string, string | number | undefined>, pageSize = LIST_CHUNK): Promise<WireAd[]> {
    const seen = new Map<string, WireAd>();
    for (let offset = 0, page = 1; ; offset += pageSize, page++) {
      checkPageLimit(page, this.maxPages, "ad pages");
      const { items, next } = await this.listPage({ ...query, limit: pageSize, offset });
      let added = 0;
      for (const ad of items) if (!seen.has(ad.id)) { seen.set(ad.id, ad); added++; }
      if (items.length < pageSize || added === 0 || next === null) break;
    }
    return [...seen.values()];
  }

  /** Ads for up to 100 source ids in one call (`source_id__in`). */
  async listBySourceIds(sourceIds: string[], extra: Record<string, string | undefined> = {}): Promise<WireAd[]> {
    if (sourceIds.length === 0) return [];
    if (sourceIds.length > LIST_CHUNK) throw new Error(`At most ${LIST_CHUNK} source ids per call`);
    return this.listAll({ ...extra, source_id__in: sourceIds.join(",") }, LIST_CHUNK);
  }

  async logPage(sourceId: string, query: { limit: number; offset: number; ordering?: string; dealer_code?: string }): Promise<{ items: WireLogEntry[]; next: string | null | undefined }> {
    const res = await this.http.request({ method: "GET", path: `/v4/ad/${seg(sourceId)}/log`, query });
    return pageItems(parse(logPageSchema, res.json, "log page", res.requestId));
  }
}
