/**
 * The Blocket/Bytbil adapter (issue #5). Every write is asynchronous at Blocket: push and
 * remove answer `accepted` (queued), never `live`; the final state comes from `remoteState`,
 * which asks for up to 100 ads per call (`source_id__in`) and derives each ad's status from its
 * state and action log.
 *
 * Idempotency by reference: before writing, one list call per 100 references tells which ads
 * exist; a POST is never repeated blindly — after an uncertain failure the ad is looked up and
 * re-POSTed only when absent.
 */
import { msg } from "@/lib/i18n/message";
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import pMap from "p-map";
import { chunk } from "@/lib/util/chunk";
import { createMemoryBudget } from "../pacer";
import { checkPageLimit, MarketplaceHttpError, redact, type RateBudget } from "../http";
import type {
  AdLogEntry, CheckResult, ConnectionContext, MarketplaceAdapter, PromotionOptions, PublishInput, PushOutcome, RemoteAd, RemoteStateQuery, VehicleList, VehicleValue,
} from "../types";
import { BlocketClient, filterTime, LIST_CHUNK, type BlocketClientOptions } from "./client";
import { parseErrorBody } from "./errors";
import { asBlocketIdentity, BLOCKET_ID } from "./identity";
import { toLogEntry } from "./log";
import { categoryOf, toBlocketPayload, toUpdateBody } from "./map";
import { blocketPreflight } from "./rules";
import { toRemoteAd } from "./status";
import { fromBlocketAd } from "./import";
import { BLOCKET_TEXTS } from "./texts";
import type { AdPayload, WireAd, WireLogEntry } from "./wire";

/** Blocket documents no rate limit: 10 requests per second per token unless told otherwise. */
export const BLOCKET_WINDOWS = [{ points: 10, durationSec: 1 }];

export interface BlocketAdapterOptions {
  /** Requests per second per token when no budget is given (Blocket documents no limit). */
  requestsPerSecond?: number;
  /** A shared budget, e.g. `createPostgresBudget(pool, [{points: 10, durationSec: 1}], {keyPrefix: "blocket"})`. */
  budget?: RateBudget;
  /** Parallel requests inside one adapter call (the budget still paces them). */
  concurrency?: number;
  /** Validate new ads with `/v4/{type}/validate` before their first POST. */
  validateBeforeCreate?: boolean;
  /** Attempts of a POST whose outcome was uncertain (each after a look-up showed the ad absent). */
  postAttempts?: number;
  generation?: "typed" | "generic";
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  fetchImpl?: typeof fetch;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
  /** Most pages one paged read (ads, or one ad's log) may take. */
  maxPages?: number;
  /** One line per failed HTTP attempt (method, path, status); never holds the token. */
  log?: (line: string) => void;
  /** Counts attempts, for tests and the benchmark. */
  onAttempt?: BlocketClientOptions["onAttempt"];
}

/** `fn` over `items`, at most `limit` at a time, results in input order (p-map). */
const mapLimit = <T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => pMap(items, fn, { concurrency: limit });

function remoteIdsOf(ad: WireAd | null): PushOutcome["remoteIds"] {
  if (!ad) return undefined;
  const id = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { blocket_ad_id: id(ad.blocket_ad_id), offer_id: id(ad.offer_id), blocket_store_id: id(ad.blocket_store_id) };
}

export function createBlocketAdapter(options: BlocketAdapterOptions = {}) {
  const budget = options.budget ?? createMemoryBudget(options.requestsPerSecond ? [{ points: options.requestsPerSecond, durationSec: 1 }] : BLOCKET_WINDOWS, { keyPrefix: "blocket" });
  const concurrency = options.concurrency ?? 4;
  const postAttempts = options.postAttempts ?? 3;

  function clientFor(connection: ConnectionContext): BlocketClient {
    const secrets = [connection.token];
    return new BlocketClient({
      baseUrl: connection.baseUrl,
      token: connection.token,
      budget,
      budgetKey: connection.budgetKey,
      signal: connection.signal,
      fetchImpl: options.fetchImpl,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      minBackoffMs: options.minBackoffMs,
      maxBackoffMs: options.maxBackoffMs,
      generation: options.generation,
      maxResponseBytes: options.maxResponseBytes,
      maxPages: options.maxPages,
      onAttempt: (info) => {
        options.onAttempt?.(info);
        // Failed attempts only: a healthy sync stays quiet.
        if (info.status === null || info.status >= 400) {
          options.log?.(redact(`blocket ${info.method} ${info.path} → ${info.status ?? "no answer"} (attempt ${info.attempt}, ${info.requestId})`, secrets));
        }
      },
    });
  }

  /** A failed call as an outcome; the message never holds the token. */
  function failure(reference: string, err: unknown, connection: ConnectionContext): PushOutcome {
    const secrets = [connection.token];
    if (err instanceof MarketplaceHttpError) {
      const parsed = parseErrorBody(err.body, err.message);
      const code = err.status === 400 ? "validation" : err.status === 401 ? "unauthorized" : err.status === 403 ? "forbidden" : err.status === 404 ? "not_found" : err.kind;
      const message = err.status === 401 ? BLOCKET_TEXTS.check.unauthorized : parsed.message;
      return {
        reference, result: "rejected", code, message: redact(message, secrets),
        issues: parsed.issues.map((i) => ({ ...i, message: redact(i.message, secrets) })),
        retryable: err.retryable,
      };
    }
    return { reference, result: "rejected", code: "unexpected", message: redact(String((err as Error)?.message ?? err), secrets), retryable: true };
  }

  const dealerFilter = (connection: ConnectionContext) => asBlocketIdentity(connection.identity)?.dealerCode;

  /** Existing ads by reference: ⌈N/100⌉ list calls. */
  async function existing(client: BlocketClient, references: string[], connection: ConnectionContext, includeLog: boolean): Promise<Map<string, WireAd>> {
    const byRef = new Map<string, WireAd>();
    const pages = await mapLimit(chunk(references, LIST_CHUNK), concurrency, (ids) =>
      client.listBySourceIds(ids, { dealer_code: dealerFilter(connection), include: includeLog ? "log" : undefined }));
    for (const ad of pages.flat()) byRef.set(ad.source_id, ad);
    return byRef;
  }

  /** POST with the G-RATE rule: repeat only after a look-up shows the ad absent. */
  async function createOnce(client: BlocketClient, vehicleType: string, payload: AdPayload, connection: ConnectionContext): Promise<WireAd | null> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= postAttempts; attempt++) {
      try {
        return await client.create(vehicleType, payload);
      } catch (err) {
        lastError = err;
        if (!(err instanceof MarketplaceHttpError)) throw err;
        if (err.status === 400 && err.body && typeof err.body === "object" && !Array.isArray(err.body) && "source_id" in err.body) {
          // Our own earlier attempt may have stored it (G-DUP): bring it up to date instead.
          const found = await client.get(payload.source_id, { dealer_code: dealerFilter(connection) });
          if (found && found.state !== "deleted") return (await client.update(vehicleType, payload.source_id, toUpdateBody(payload))) ?? found;
          throw err;
        }
        if (!err.retryable) throw err;
        const wait = (err as MarketplaceHttpError & { retryAfterMs?: number }).retryAfterMs;
        await sleep(wait ?? Math.min(1000 * 2 ** (attempt - 1), 10_000), undefined, { signal: connection.signal });
        // 429 means "not processed"; anything else may have been stored: look before re-POSTing.
        if (err.status !== 429) {
          const found = await client.get(payload.source_id, { dealer_code: dealerFilter(connection) });
          if (found) return found;
        }
      }
    }
    throw lastError;
  }

  async function pushOne(client: BlocketClient, input: PublishInput, current: WireAd | undefined, connection: ConnectionContext): Promise<PushOutcome> {
    const reference = input.listing.reference;
    const problems = blocketPreflight(input, connection.identity);
    const errors = problems.filter((p) => p.severity === "error");
    const warnings = problems.filter((p) => p.severity === "warning");
    if (errors.length > 0) return { reference, result: "rejected", code: "preflight", message: msg("marketplaces.preflight", { count: errors.length }), issues: errors, warnings, retryable: false };

    const payload = toBlocketPayload(input.listing, input.overrides, connection.identity, input.settings);
    const category = categoryOf(input.listing);
    try {
      if (current && current.state === "deleted" && category.registered) {
        return {
          reference, result: "rejected", code: "source_id_burned", remoteId: current.id, retryable: false, warnings,
          message: BLOCKET_TEXTS.errors.source_id_burned,
        };
      }
      if (current && current.category_id !== undefined && current.category_id !== null && Number(current.category_id) !== category.id) {
        return {
          reference, result: "rejected", code: "category_changed", remoteId: current.id, retryable: false, warnings,
          message: BLOCKET_TEXTS.errors.category_changed,
        };
      }
      if (current) {
        const ad = await client.update(category.vehicleType, reference, toUpdateBody(payload));
        return { reference, result: "accepted", remoteId: ad?.id ?? current.id, remoteIds: remoteIdsOf(ad ?? current), warnings };
      }
      if (options.validateBeforeCreate !== false) {
        await client.validate(category.vehicleType, payload).catch((err) => {
          // A server without the typed validate endpoint (generation B) is not a reason to stop.
          if (err instanceof MarketplaceHttpError && (err.status === 404 || err.status === 405)) return;
          throw err;
        });
      }
      const ad = await createOnce(client, category.vehicleType, payload, connection);
      return { reference, result: "accepted", remoteId: ad?.id ?? null, remoteIds: remoteIdsOf(ad), warnings };
    } catch (err) {
      return { ...failure(reference, err, connection), warnings };
    }
  }

  const adapter = {
    marketplace: BLOCKET_ID,
    chunksInFlight: 1,

    async check(connection: ConnectionContext): Promise<CheckResult> {
      const client = clientFor(connection);
      const identity = asBlocketIdentity(connection.identity);
      try {
        await client.listPage({ limit: 1, offset: 0 });
        return {
          ok: true, status: "ok", message: BLOCKET_TEXTS.connected,
          scopes: identity ? [identity.tokenScope] : [],
          identities: identity ? [{ id: identity.dealerCode, code: identity.dealerCode, name: identity.dealerCode }] : [],
        };
      } catch (err) {
        if (err instanceof MarketplaceHttpError) {
          if (err.status === 401) return { ok: false, status: "unauthorized", message: BLOCKET_TEXTS.check.unauthorized };
          if (err.status === 403) return { ok: false, status: "missing_scope", message: BLOCKET_TEXTS.check.missing_scope };
          if (err.kind === "network" || err.kind === "timeout") return { ok: false, status: "unreachable", message: BLOCKET_TEXTS.check.unreachable };
        }
        return { ok: false, status: "unexpected", message: BLOCKET_TEXTS.check.unexpected };
      }
    },

    async push(inputs: PublishInput[], connection: ConnectionContext): Promise<PushOutcome[]> {
      const client = clientFor(connection);
      let current: Map<string, WireAd>;
      try {
        current = await existing(client, inputs.map((i) => i.listing.reference), connection, false);
      } catch (err) {
        // Without knowing what exists a POST could duplicate an ad: write nothing.
        return inputs.map((i) => failure(i.listing.reference, err, connection));
      }
      return mapLimit(inputs, concurrency, (input) => pushOne(client, input, current.get(input.listing.reference), connection));
    },

    async remove(references: string[], connection: ConnectionContext): Promise<PushOutcome[]> {
      const client = clientFor(connection);
      return mapLimit(references, concurrency, async (reference) => {
        try {
          const ad = await client.remove(reference);
          return { reference, result: "accepted", remoteId: ad?.id ?? null, remoteIds: remoteIdsOf(ad) } satisfies PushOutcome;
        } catch (err) {
          if (err instanceof MarketplaceHttpError && (err.status === 404 || err.status === 400)) {
            // Already deleted (G-DELDEL) or never there: the goal "not on Blocket" holds.
            const ad = err.status === 400 ? await client.get(reference, { dealer_code: dealerFilter(connection) }).catch(() => null) : null;
            if (err.status === 404 || ad?.state === "deleted") {
              return { reference, result: "accepted", remoteId: ad?.id ?? null, warnings: [{ field: "", severity: "warning", code: err.status === 404 ? "not_found" : "already_deleted", message: msg(err.status === 404 ? "marketplaces.blocket.notFound" : "marketplaces.blocket.alreadyDeleted") }] } satisfies PushOutcome;
            }
          }
          return failure(reference, err, connection);
        }
      });
    },

    async remoteState(query: RemoteStateQuery, connection: ConnectionContext): Promise<RemoteAd[]> {
      const client = clientFor(connection);
      if ("references" in query) {
        const found = await existing(client, [...new Set(query.references)], connection, true);
        return [...found.values()].map(toRemoteAd);
      }
      const ads = await client.listAll({
        dealer_code: dealerFilter(connection),
        include: "log",
        ordering: "updated",
        // Filters have second precision: ask from the start of that second, the engine de-duplicates.
        updated__gte: query.since ? filterTime(query.since) : undefined,
      });
      return ads.map(toRemoteAd);
    },

    /**
     * The complete action log since `since` (inclusive), oldest first, paged from `/log`
     * newest-first so a poll stops at the first page older than `since`.
     */
    async logs(reference: string, since: string | null, connection: ConnectionContext): Promise<AdLogEntry[]> {
      const client = clientFor(connection);
      const ad = await client.get(reference, { dealer_code: dealerFilter(connection) });
      if (!ad) return [];
      const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
      const collected: WireLogEntry[] = [];
      let previousAt = Number.POSITIVE_INFINITY;
      let newestFirst = true;
      for (let offset = 0, page = 1; ; offset += LIST_CHUNK, page++) {
        checkPageLimit(page, client.maxPages, "log pages");
        const { items } = await client.logPage(reference, { limit: LIST_CHUNK, offset, ordering: "-created", dealer_code: dealerFilter(connection) });
        let reachedOlder = false;
        for (const entry of items) {
          const at = Date.parse(entry.created);
          if (at > previousAt) newestFirst = false; // server ignored ordering: read everything
          previousAt = at;
          if (at >= sinceMs) collected.push(entry);
          else reachedOlder = true;
        }
        if (items.length < LIST_CHUNK || (reachedOlder && newestFirst)) break;
      }
      const ordered = collected
        .map((entry, index) => ({ entry, index, at: Date.parse(entry.created) }))
        .sort((a, b) => (a.at - b.at) || (newestFirst ? b.index - a.index : a.index - b.index))
        .map((x) => x.entry);
      return ordered.map((e) => toLogEntry(ad, e));
    },

    /** §2.9: a renewal; a car may leave out Blocket or Bytbil (exclude_blocket / exclude_bytbil). */
    bump: (references: string[], connection: ConnectionContext, options?: PromotionOptions) => trigger(references, connection, "bump", options?.excludedChannels),
    /** §2.10: Blocket only, so no channel choice. */
    polePosition: (references: string[], connection: ConnectionContext) => trigger(references, connection, "pole_position"),
    /** Puts ads whose last action failed back into Blocket's queue (`/retry`). */
    retry: (references: string[], connection: ConnectionContext) => trigger(references, connection, "retry"),

    /** §2.14: Blocket's car brands, or the models of one brand (by its slug). */
    vehicleValues: (list: VehicleList, connection: ConnectionContext): Promise<VehicleValue[]> =>
      list.kind === "brands" ? clientFor(connection).vehicleValues("brand") : clientFor(connection).vehicleValues("models", { brand: list.brand }),

    importExisting: {
      /** The reverse mapping (import.ts): an ad only Blocket has, as a listing input (the caller validates it). */
      toListing: (ad: RemoteAd) => fromBlocketAd(ad.raw as WireAd).listing,
      /** What of the ad has no place in a listing, per field. */
      notKept: (ad: RemoteAd) => fromBlocketAd(ad.raw as WireAd).notKept,
    },
  };

  async function trigger(references: string[], connection: ConnectionContext, op: "bump" | "pole_position" | "retry", excluded: PromotionOptions["excludedChannels"] = {}): Promise<PushOutcome[]> {
    const client = clientFor(connection);
    return mapLimit(references, concurrency, async (reference) => {
      const query: Record<string, string> = {};
      for (const channel of excluded[reference] ?? []) {
        if (channel !== "blocket" && channel !== "bytbil") return { reference, result: "rejected", code: "unknown_channel", message: `Blocket has no channel "${channel}".`, retryable: false } satisfies PushOutcome;
        query[`exclude_${channel}`] = "true";
      }
      // G-BUMP: leaving out both is refused by Blocket; say so without spending a request.
      if (query.exclude_blocket && query.exclude_bytbil) return { reference, result: "rejected", code: "all_channels_excluded", message: msg("promotions.keepOneChannel"), retryable: false } satisfies PushOutcome;
      try {
        const ad = await client.trigger(reference, op, query);
        return { reference, result: "accepted", remoteId: ad?.id ?? null, remoteIds: remoteIdsOf(ad) } satisfies PushOutcome;
      } catch (err) {
        return failure(reference, err, connection);
      }
    });
  }

  return adapter satisfies MarketplaceAdapter;
}

export type BlocketAdapter = ReturnType<typeof createBlocketAdapter>;
