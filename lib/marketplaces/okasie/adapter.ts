/**
 * The Okasie adapter: the sync engine's only view of Okasie (types.ts). Pure HTTP + mapping.
 * Writes go through bulk upsert in chunks of 100 (each item a full replacement, status included);
 * every result and error is mapped back to its reference by `index`. Pacing is one shared budget
 * per secret (pacer.ts), keyed by `ConnectionContext.budgetKey` and injected by the caller
 * (runtime.ts; the worker's is in PostgreSQL).
 */
import { msg } from "@/lib/i18n/message";
import "server-only";
import type {
  CheckResult, ConnectionContext, MarketplaceAdapter, MarketplaceIdentity, Problem, PublishInput, PushOutcome,
  RemoteAd, RemoteStateQuery, SinceQuery,
} from "../types";
import { MarketplaceHttpError, type RateBudget } from "../http";
import { createMemoryBudget } from "../pacer";
import { chunk } from "@/lib/util/chunk";
import { OkasieClient, okasieErrorCode, TOKEN_REJECTED_MESSAGE, type OkasieClientOptions } from "./client";
import { asOkasieIdentity, OKASIE_ID } from "./identity";
import { fromWire, OKASIE_TO_REMOTE, toWire } from "./map";
import { canonicalField, fieldsForCode, okasieProblems } from "./rules";
import { OKASIE_TEXTS } from "./texts";
import { bulkErrorSchema, type OkasieListing } from "./wire";

export const BULK_LIMIT = 100;
/** Overlap for `updatedSince` reads: clock skew and the inclusive/exclusive ambiguity (§4.3). */
export const SINCE_OVERLAP_MS = 2 * 60_000;

/** Okasie's documented limits (okasie.md §1.4): 120 per 60 s, and at most 5 per second. */
export const OKASIE_WINDOWS = [
  { points: 120, durationSec: 60 },
  { points: 5, durationSec: 1 },
];

export interface OkasieAdapterOptions {
  /** The shared budget (the worker's lives in PostgreSQL). Default: this process's memory (tools, tests). */
  budget?: RateBudget;
  log?: (line: string) => void;
  /** Client tuning (timeouts, retries, caps, fetch) for tests and tools. */
  client?: Partial<Omit<OkasieClientOptions, "baseUrl" | "token" | "budget" | "budgetKey" | "signal">>;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : "Unexpected failure");

function warningsToProblems(warnings: Record<string, unknown> | null | undefined): Problem[] {
  if (!warnings) return [];
  const out: Problem[] = [];
  for (const [key, value] of Object.entries(warnings)) {
    if (key === "skippedImages" && Array.isArray(value)) {
      for (const item of value as { index?: number; url?: string; reason?: string }[]) {
        out.push({
          field: typeof item?.index === "number" ? `images.${item.index}` : "images",
          severity: "warning",
          code: item?.reason ?? "IMAGE_SKIPPED",
          message: msg("marketplaces.okasie.imageSkipped", { url: item?.url ?? "", reason: item?.reason ?? "" }),
        });
      }
    } else {
      out.push({ field: /image/i.test(key) ? "images" : "", severity: "warning", code: key, message: msg("marketplaces.okasie.warning", { key, detail: JSON.stringify(value).slice(0, 500) }) });
    }
  }
  return out;
}

function issuesToProblems(code: string, message: string, issues: unknown[] | undefined): Problem[] {
  if (Array.isArray(issues) && issues.length > 0) {
    return issues.map((raw) => {
      const i = (raw ?? {}) as { path?: unknown; message?: unknown; code?: unknown };
      const path = Array.isArray(i.path) ? i.path.join(".") : typeof i.path === "string" ? i.path : "";
      return { field: canonicalField(path), severity: "error" as const, code: typeof i.code === "string" ? i.code : code, message: typeof i.message === "string" ? i.message : message };
    });
  }
  return fieldsForCode(code).map((field) => ({ field, severity: "error" as const, code, message }));
}

/** A whole-request failure, applied to every reference of the request. */
function failedOutcome(reference: string, err: unknown): PushOutcome {
  if (err instanceof MarketplaceHttpError) {
    const code = okasieErrorCode(err) ?? (err.status ? `HTTP_${err.status}` : err.kind.toUpperCase());
    const envelope = (err.body as { error?: { message?: string; issues?: unknown[] } } | undefined)?.error;
    return {
      reference,
      result: "rejected",
      code: err.status === 401 ? "UNAUTHORIZED" : code,
      message: err.status === 401 ? `Okasie refused the API secret: ${TOKEN_REJECTED_MESSAGE}` : err.message,
      issues: err.status === 422 ? issuesToProblems(code, envelope?.message ?? err.message, envelope?.issues) : undefined,
      retryable: err.retryable,
    };
  }
  return { reference, result: "rejected", code: "UNEXPECTED", message: describe(err), retryable: true };
}

function toRemoteAd(l: OkasieListing): RemoteAd {
  return {
    reference: l.externalReference ?? null,
    remoteId: l.id,
    status: OKASIE_TO_REMOTE[l.status] ?? "error",
    updatedAt: l.updatedAt ?? null,
    title: l.title ?? null,
    remoteIds: l.listingUrl ? { listingUrl: l.listingUrl } : undefined,
    raw: l,
  };
}

/** `updatedSince` of a read: with the overlap unless the caller asked for exactly `since`. */
function updatedSinceOf(query: SinceQuery): string | undefined {
  if (!query.since) return undefined;
  return query.exact ? new Date(query.since).toISOString() : new Date(Date.parse(query.since) - SINCE_OVERLAP_MS).toISOString();
}

/** Profile filter for reads: only the connection's own dealer profile (a secret may cover many). */
function profileFilter(identity: MarketplaceIdentity): { dealerId?: string; locationCode?: string } {
  const id = asOkasieIdentity(identity);
  if (id?.dealerProfileId) return { dealerId: id.dealerProfileId };
  if (id?.dealerLocationCode) return { locationCode: id.dealerLocationCode };
  return {};
}

export function createOkasieAdapter(options: OkasieAdapterOptions = {}): MarketplaceAdapter {
  const budget = options.budget ?? createMemoryBudget(OKASIE_WINDOWS, { keyPrefix: "okasie" });
  const clientFor = (c: ConnectionContext) =>
    new OkasieClient({ ...options.client, log: options.log ?? options.client?.log, baseUrl: c.baseUrl, token: c.token, budget, budgetKey: c.budgetKey, signal: c.signal });

  const adapter: MarketplaceAdapter = {
    marketplace: OKASIE_ID,
    // One bulk request per chunk: a second chunk in flight keeps the pacer busy while the first commits.
    chunksInFlight: 2,
    readOverlapMs: SINCE_OVERLAP_MS,

    async check(connection) {
      const client = clientFor(connection);
      let locations;
      try {
        locations = await client.locations();
      } catch (err) {
        if (err instanceof MarketplaceHttpError) {
          if (err.status === 401) return { ok: false, status: "unauthorized", message: OKASIE_TEXTS.check.unauthorized };
          if (err.status === 403) return { ok: false, status: "missing_scope", reason: "read_locations", message: OKASIE_TEXTS.check.read_locations, scopes: [] };
          if (err.kind === "network" || err.kind === "timeout" || (err.status ?? 0) >= 500) {
            return { ok: false, status: "unreachable", message: OKASIE_TEXTS.check.unreachable };
          }
        }
        return { ok: false, status: "unexpected", message: OKASIE_TEXTS.check.unexpected };
      }
      const identities = locations.map((l) => ({
        id: l.id,
        code: l.locationCode ?? null,
        name: l.displayName ?? l.companyName ?? l.fullName ?? l.locationCode ?? l.id,
        parentId: l.parentId ?? null,
      }));
      let canWrite: boolean;
      try {
        canWrite = await client.canWrite();
      } catch (err) {
        if (err instanceof MarketplaceHttpError && err.status === 401) return { ok: false, status: "unauthorized", message: OKASIE_TEXTS.check.unauthorized };
        return { ok: false, status: "unreachable", message: OKASIE_TEXTS.check.unreachable, identities };
      }
      const scopes = ["read:locations", ...(canWrite ? ["write:listings"] : [])];
      if (!canWrite) return { ok: false, status: "missing_scope", message: OKASIE_TEXTS.check.missing_scope, scopes, identities };
      const id = asOkasieIdentity(connection.identity);
      const known = !id
        || (id.dealerProfileId ? identities.some((i) => i.id === id.dealerProfileId) : true)
        && (id.dealerLocationCode ? identities.some((i) => i.code?.toLowerCase() === id.dealerLocationCode!.toLowerCase()) : true);
      if (!known) return { ok: false, status: "unexpected", reason: "identity_unknown", message: OKASIE_TEXTS.check.identity_unknown, scopes, identities };
      return { ok: true, status: "ok", message: OKASIE_TEXTS.connected(identities.length), scopes, identities } satisfies CheckResult;
    },

    async push(inputs, connection) {
      const outcomes = new Map<string, PushOutcome>();
      // The same reference twice: the last one wins, as it would on Okasie.
      const latest = new Map<string, PublishInput>();
      for (const input of inputs) latest.set(input.listing.reference, input);
      const toSend: PublishInput[] = [];
      for (const [reference, input] of latest) {
        const blocking = okasieProblems(input, connection.identity).filter((p) => p.severity === "error");
        if (blocking.length) {
          outcomes.set(reference, { reference, result: "rejected", code: "PREFLIGHT", message: blocking.map((p) => p.message).join(" "), issues: blocking, retryable: false });
        } else toSend.push(input);
      }

      const client = clientFor(connection);
      let fatal: unknown = null;
      for (const batch of chunk(toSend, BULK_LIMIT)) {
        const refs = batch.map((i) => i.listing.reference);
        if (fatal) {
          for (const ref of refs) outcomes.set(ref, failedOutcome(ref, fatal));
          continue;
        }
        let res;
        try {
          res = await client.bulkUpsert(batch.map((i) => toWire(i.listing, i.overrides, connection.identity, true)));
        } catch (err) {
          for (const ref of refs) outcomes.set(ref, failedOutcome(ref, err));
          // A refused secret or a cancelled sync fails every later batch the same way.
          if ((err instanceof MarketplaceHttpError && (err.status === 401 || err.status === 403)) || connection.signal?.aborted) fatal = err;
          continue;
        }
        const byRef = (ref: string | null | undefined, index: number | undefined) =>
          typeof index === "number" && index >= 0 && index < refs.length ? refs[index] : ref && refs.includes(ref) ? ref : null;
        for (const r of res.results) {
          const ref = byRef(r.externalReference, r.index);
          if (!ref) continue;
          outcomes.set(ref, { reference: ref, result: "live", remoteStatus: OKASIE_TO_REMOTE[r.status] ?? "live", remoteId: r.listingId, warnings: warningsToProblems(r.warnings ?? undefined) });
        }
        for (const raw of res.errors) {
          const parsed = bulkErrorSchema.safeParse(raw);
          const e = parsed.success ? parsed.data : {};
          const ref = byRef(e.externalReference, e.index);
          if (!ref) continue;
          const code = e.code ?? e.error?.code ?? "UNKNOWN";
          const message = e.message ?? e.error?.message ?? JSON.stringify(raw).slice(0, 500);
          outcomes.set(ref, { reference: ref, result: "rejected", code, message, issues: issuesToProblems(code, message, e.issues ?? e.error?.issues), retryable: false });
        }
        for (const ref of refs) {
          if (!outcomes.has(ref)) outcomes.set(ref, { reference: ref, result: "rejected", code: "NO_RESULT", message: msg("marketplaces.okasie.noResult"), retryable: true });
        }
      }
      return [...latest.keys()].map((ref) => outcomes.get(ref)!);
    },

    async remove(references, connection) {
      const client = clientFor(connection);
      const out: PushOutcome[] = [];
      let fatal: unknown = null;
      for (const reference of [...new Set(references)]) {
        if (fatal) {
          out.push(failedOutcome(reference, fatal));
          continue;
        }
        try {
          const res = await client.markSold(reference);
          out.push({ reference, result: "live", remoteStatus: "sold", remoteId: res.listingId ?? null });
        } catch (err) {
          if (err instanceof MarketplaceHttpError && err.status === 404) {
            // Unknown to Okasie: nothing left to mark sold, which is what we wanted (and nothing changed there).
            out.push({ reference, result: "live", remoteStatus: "sold", remoteId: null, noop: true, message: msg("marketplaces.okasie.alreadyGone") });
            continue;
          }
          out.push(failedOutcome(reference, err));
          if (err instanceof MarketplaceHttpError && err.status === 401) fatal = err;
        }
      }
      return out;
    },

    async remoteState(query: RemoteStateQuery, connection) {
      const client = clientFor(connection);
      const filter = profileFilter(connection.identity);
      if ("references" in query) {
        if (query.references.length === 0) return [];
        const wanted = new Set(query.references);
        const all = await client.listAll({ status: "all", pageSize: 200, ...filter });
        return all.filter((l) => l.externalReference && wanted.has(l.externalReference)).map(toRemoteAd);
      }
      const since = updatedSinceOf(query);
      const all = await client.listAll({ status: "all", pageSize: 200, ...(since ? { updatedSince: since } : {}), ...filter });
      return all.map(toRemoteAd);
    },

    async *remotePages(query, connection) {
      const client = clientFor(connection);
      const since = updatedSinceOf(query);
      for await (const items of client.pages({ status: "all", pageSize: 200, ...(since ? { updatedSince: since } : {}), ...profileFilter(connection.identity) })) {
        yield items.map(toRemoteAd);
      }
    },

    /** One listing per page: the documented `pagination.totalItems` is the count (okasie.md §3.3). */
    async remoteCount(query, connection) {
      const client = clientFor(connection);
      const since = updatedSinceOf(query);
      const page = await client.listPage({ status: "all", pageSize: 1, page: 1, ...(since ? { updatedSince: since } : {}), ...profileFilter(connection.identity) });
      return page.pagination.totalItems;
    },

    importExisting: {
      /** The reverse mapping: an ad only Okasie has, as a listing input (the caller validates it). */
      toListing: (ad) => fromWire(ad.raw as OkasieListing),
    },
  };
  return adapter;
}
