/**
 * The Okasie Partner API v1 over HTTP (http.ts: timeouts, retries with backoff and jitter,
 * Retry-After, the shared rate budget, a fresh X-Request-Id per attempt, redaction). Responses
 * are checked against wire.ts; a 2xx that does not match is reported, never trusted.
 */
import "server-only";
import type { z } from "zod";
import { checkPageLimit, HttpClient, MarketplaceHttpError, type HttpRequest, type RateBudget } from "../http";
import {
  bulkResponseSchema, deleteResponseSchema, errorEnvelopeSchema, listResponseSchema, locationsResponseSchema,
  statusResponseSchema, upsertResponseSchema,
  type OkasieListing, type OkasieListingInput, type OkasieLocation, type OkasieStatus,
} from "./wire";

export const TOKEN_REJECTED_MESSAGE = "token invalid or rotated";

export interface OkasieClientOptions {
  baseUrl: string;
  /** The partner API secret; sent as `Authorization: Bearer`, never logged. */
  token: string;
  budget?: RateBudget;
  budgetKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  fetchImpl?: typeof fetch;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
  /** Most pages one listing read may take (default 2,000 pages of up to 200). */
  maxPages?: number;
  log?: (line: string) => void;
  onAttempt?: ConstructorParameters<typeof HttpClient>[0]["onAttempt"];
}

export interface ListParams {
  status?: OkasieStatus | "all";
  updatedSince?: string;
  dealerId?: string;
  parentDealerId?: string;
  locationCode?: string;
  pageSize?: number;
}

/** The documented error code of a failed call, if the body carried the envelope. */
export function okasieErrorCode(err: unknown): string | null {
  if (!(err instanceof MarketplaceHttpError)) return null;
  const parsed = errorEnvelopeSchema.safeParse(err.body);
  return parsed.success ? parsed.data.error.code : null;
}

export class OkasieClient {
  private readonly http: HttpClient;

  constructor(private readonly options: OkasieClientOptions) {
    this.http = new HttpClient({
      baseUrl: options.baseUrl,
      headers: { authorization: `Bearer ${options.token}` },
      budget: options.budget,
      budgetKey: options.budgetKey,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? 20_000,
      retries: options.retries ?? 4,
      minBackoffMs: options.minBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 16_000,
      maxRetryAfterMs: 90_000,
      maxResponseBytes: options.maxResponseBytes,
      fetchImpl: options.fetchImpl,
      log: options.log,
      onAttempt: options.onAttempt,
    });
  }

  private async call<T extends z.ZodType>(req: HttpRequest, schema: T): Promise<{ data: z.infer<T>; status: number; requestId: string }> {
    let res;
    try {
      res = await this.http.request(req);
    } catch (err) {
      if (err instanceof MarketplaceHttpError && err.status === 401) {
        // Secrets are rotated by Okasie support and the old one stops at once: never retried.
        throw new MarketplaceHttpError(`Okasie refused the API secret (HTTP 401): ${TOKEN_REJECTED_MESSAGE}`, "http", 401, err.body, err.requestId, false, err.attempts);
      }
      throw err;
    }
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join(".") || "(root)";
      throw new MarketplaceHttpError(`Okasie sent an answer of unexpected shape (at ${where})`, "malformed", res.status, res.json, res.requestId, false, res.attempts);
    }
    return { data: parsed.data, status: res.status, requestId: res.requestId };
  }

  /** One page of E1 (`GET /listings`). */
  async listPage(params: ListParams & { page: number }) {
    const { data } = await this.call({ method: "GET", path: "/listings", query: { ...params } }, listResponseSchema);
    return data;
  }

  /**
   * Every page of E1, deduplicated by id (the order is undocumented, and items can move between
   * pages while we read).
   */
  async listAll(params: ListParams): Promise<OkasieListing[]> {
    const byId = new Map<string, OkasieListing>();
    for await (const items of this.pages(params)) for (const item of items) byId.set(item.id, item);
    return [...byId.values()];
  }

  /** E1 page after page, for readers that process as they go (an item may come twice). */
  async *pages(params: ListParams): AsyncGenerator<OkasieListing[]> {
    const pageSize = params.pageSize ?? 200;
    for (let page = 1; ; page++) {
      checkPageLimit(page, this.options.maxPages ?? 2_000, "listing pages");
      const res = await this.listPage({ ...params, pageSize, page });
      if (res.data.length > 0) yield res.data;
      if (page >= res.pagination.totalPages || res.data.length === 0) return;
    }
  }

  async upsert(reference: string, body: OkasieListingInput) {
    const { externalReference: _ignored, ...rest } = body;
    return (await this.call({ method: "PUT", path: `/listings/${encodeURIComponent(reference)}`, body: rest }, upsertResponseSchema)).data.data;
  }

  async bulkUpsert(items: OkasieListingInput[]) {
    if (items.length === 0 || items.length > 100) throw new RangeError("A bulk upsert takes 1 to 100 items");
    return (await this.call({ method: "POST", path: "/listings/bulk-upsert", body: { items } }, bulkResponseSchema)).data.data;
  }

  /** E4: marks the listing sold. Okasie answers 404 when it does not know the reference. */
  async markSold(reference: string) {
    return (await this.call({ method: "DELETE", path: `/listings/${encodeURIComponent(reference)}` }, deleteResponseSchema)).data.data;
  }

  /** E6 (newer doc revision). */
  async setStatus(reference: string, status: OkasieStatus) {
    return (await this.call({ method: "POST", path: `/listings/${encodeURIComponent(reference)}/status`, body: { status } }, statusResponseSchema)).data.data;
  }

  /** E7, flattened: both the flat (newer) and the nested `children` (older) revision. */
  async locations(): Promise<OkasieLocation[]> {
    const { data } = await this.call({ method: "GET", path: "/locations", query: { withCounts: false } }, locationsResponseSchema);
    const out: OkasieLocation[] = [];
    const walk = (items: OkasieLocation[], parentId: string | null) => {
      for (const item of items) {
        const { children, ...rest } = item;
        out.push({ ...rest, parentId: rest.parentId ?? parentId });
        if (Array.isArray(children)) walk(children, item.id);
      }
    };
    walk(data.data, null);
    const seen = new Set<string>();
    return out.filter((l) => (seen.has(l.id) ? false : (seen.add(l.id), true)));
  }

  /**
   * Probes `write:listings` without side effects: an empty bulk upsert is refused with 400
   * EMPTY_PAYLOAD when writing is allowed, and with 403 when it is not.
   */
  async canWrite(): Promise<boolean> {
    try {
      await this.http.request({ method: "POST", path: "/listings/bulk-upsert", body: { items: [] } });
      return true;
    } catch (err) {
      if (!(err instanceof MarketplaceHttpError)) throw err;
      if (err.status === 403) return false;
      if (err.status === 401) throw new MarketplaceHttpError(`Okasie refused the API secret (HTTP 401): ${TOKEN_REJECTED_MESSAGE}`, "http", 401, err.body, err.requestId, false, err.attempts);
      if (err.status !== null && err.status >= 400 && err.status < 500 && err.status !== 429) return true;
      throw err;
    }
  }
}
