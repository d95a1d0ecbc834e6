/**
 * HTTP for marketplace clients: a timeout per attempt, retries with backoff and jitter for
 * transient failures (429, 5xx, network errors, timeouts), `Retry-After` honoured, a shared rate
 * budget consulted before every attempt, and errors that never carry the token.
 *
 * A marketplace is not trusted to be well behaved: redirects are never followed (the token would
 * travel with them; a 3xx is an error), and a response body larger than `maxResponseBytes` is
 * refused while it streams in, so a broken or hostile server cannot exhaust a worker's memory.
 * Paged reads stop after `maxPages` (see `checkPageLimit`).
 *
 * Retries use p-retry (well kept, handles backoff/jitter); we only decide what is transient and
 * stretch the wait when the server names one.
 */
import { msg } from "@/lib/i18n/message";
import "server-only";
import pRetry, { AbortError } from "p-retry";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Optional receipt of one acquire(): released once the request has been answered (or failed), so a
 * budget can count the request from the moment the server surely had it, not from when it left.
 */
export interface BudgetLease {
  release(): Promise<void> | void;
}

/** A budget shared by every process that uses one secret (see pacer.ts). */
export interface RateBudget {
  /** Resolves when one more request may be sent under `key` (optionally with a lease to release). */
  acquire(key: string, signal?: AbortSignal): Promise<void | BudgetLease>;
  /** Learn from the server's rate-limit headers (e.g. remaining, reset). Optional. */
  observe?(key: string, headers: Headers, status: number): Promise<void> | void;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | null | undefined | string[]>;
  body?: unknown;
  /** Extra headers (e.g. auth); their values are never logged or put in errors. */
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown;
  requestId: string;
  attempts: number;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** Headers sent with every request: the auth header lives here. */
  headers: Record<string, string>;
  budget?: RateBudget;
  budgetKey?: string;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Longest Retry-After we are willing to wait inside one call. */
  maxRetryAfterMs?: number;
  /** Largest response body accepted, in bytes (default 8 MiB). */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /**
   * One line per failed attempt (method, path, status/kind, attempt, request id). Lines are
   * redacted like error messages: they never hold a secret.
   */
  log?: (line: string) => void;
  /** Called once per attempt, for counting requests in tests and benchmarks. */
  onAttempt?: (info: { method: string; path: string; status: number | null; attempt: number; requestId: string }) => void;
}

export type HttpErrorKind = "http" | "network" | "timeout" | "malformed" | "redirect" | "too_large";

/** A failed marketplace call. The message is safe to show and to log: it holds no secret. */
export class MarketplaceHttpError extends Error {
  constructor(
    message: string,
    readonly kind: HttpErrorKind,
    readonly status: number | null,
    /** Parsed error body, if JSON. */
    readonly body: unknown,
    readonly requestId: string,
    readonly retryable: boolean,
    readonly attempts: number,
  ) {
    super(message);
    this.name = "MarketplaceHttpError";
  }
}

const RETRYABLE_STATUS = (s: number) => s === 429 || s >= 500;

/** "CODE: message" from a JSON error envelope `{error: {code, message}}`, when there is one. */
function describeErrorBody(body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== "object") return "";
  const code = typeof error.code === "string" ? error.code : "";
  const message = typeof error.message === "string" ? error.message.slice(0, 300) : "";
  return [code, message].filter(Boolean).join(": ");
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function buildUrl(baseUrl: string, path: string, query?: HttpRequest["query"]): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return url.toString();
}

/** Removes every occurrence of each secret from a string (defence in depth for messages). */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

class BodyTooLarge extends Error {}

/** The body as text, refused as soon as it passes `max` bytes (declared or streamed). */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLarge();
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Stops a paged read that goes on past `maxPages` pages: a server that pages forever (or claims a
 * million pages) must not keep a worker busy. `page` counts from 1.
 */
export function checkPageLimit(page: number, maxPages: number, what: string): void {
  if (page > maxPages) {
    throw new MarketplaceHttpError(msg("marketplaces.http.tooManyPages", { max: maxPages, what }), "malformed", null, undefined, "", false, 1);
  }
}

export class HttpClient {
  private readonly secrets: string[];
  constructor(private readonly options: HttpClientOptions) {
    this.secrets = Object.values(options.headers).flatMap((v) => [v, v.replace(/^Bearer\s+/i, ""), v.replace(/^Token\s+/i, "")]);
  }

  /**
   * Sends one logical request, retrying transient failures. A non-2xx answer that is not
   * transient throws at once (validation errors and 401s are never retried).
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const o = this.options;
    const fetchImpl = o.fetchImpl ?? fetch;
    const url = buildUrl(o.baseUrl, req.path, req.query);
    let attempt = 0;
    let requestId = randomUUID();

    const fail = (message: string, kind: HttpErrorKind, status: number | null, body: unknown, retryable: boolean) => {
      const err = new MarketplaceHttpError(redact(message, this.secrets), kind, status, body, requestId, retryable, attempt);
      o.log?.(redact(`${req.method} ${req.path} failed (attempt ${attempt}, request ${requestId}): ${err.message}`, this.secrets));
      return err;
    };

    const run = async (): Promise<HttpResponse> => {
      attempt += 1;
      requestId = randomUUID();
      const lease = o.budget && o.budgetKey ? await o.budget.acquire(o.budgetKey, o.signal) : undefined;
      const timeout = AbortSignal.timeout(o.timeoutMs ?? 15_000);
      const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: req.method,
          headers: {
            accept: "application/json",
            ...(req.body !== undefined ? { "content-type": "application/json" } : {}),
            "x-request-id": requestId,
            ...o.headers,
            ...req.headers,
          },
          body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
          // Never follow a redirect: the auth header would go with it to wherever it points.
          redirect: "manual",
          signal,
        });
      } catch (err) {
        o.onAttempt?.({ method: req.method, path: req.path, status: null, attempt, requestId });
        if (o.signal?.aborted) throw new AbortError(fail("Request cancelled", "network", null, undefined, false));
        const timedOut = timeout.aborted;
        throw fail(
          timedOut ? `No answer within ${o.timeoutMs ?? 15_000} ms` : `Could not reach the marketplace (${(err as Error).message})`,
          timedOut ? "timeout" : "network", null, undefined, true,
        );
      } finally {
        // The server had the request by now (or never will): the budget may count it from here.
        if (lease) await lease.release();
      }
      o.onAttempt?.({ method: req.method, path: req.path, status: res.status, attempt, requestId });
      if (o.budgetKey) await o.budget?.observe?.(o.budgetKey, res.headers, res.status);

      if (res.status >= 300 && res.status < 400 || res.type === "opaqueredirect") {
        await res.body?.cancel().catch(() => {});
        throw new AbortError(fail(msg("marketplaces.http.redirect", { status: res.status || "3xx" }), "redirect", res.status, undefined, false));
      }
      let text: string;
      try {
        text = await readCapped(res, o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          throw new AbortError(fail(msg("marketplaces.http.tooLarge", { bytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES }), "too_large", res.status, undefined, false));
        }
        throw fail(`The answer was cut off (${(err as Error).message})`, "network", res.status, undefined, true);
      }
      let json: unknown = undefined;
      if (text.length > 0) {
        try {
          json = JSON.parse(text);
        } catch {
          // A 2xx that is not JSON is a broken answer (a proxy page, a truncated body): transient.
          const retryable = res.ok || RETRYABLE_STATUS(res.status);
          const err = fail(`The marketplace sent an unreadable answer (HTTP ${res.status})`, "malformed", res.status, undefined, retryable);
          if (!retryable) throw new AbortError(err);
          throw err;
        }
      }
      if (res.ok) return { status: res.status, headers: res.headers, json, requestId, attempts: attempt };

      const retryable = RETRYABLE_STATUS(res.status);
      const detail = describeErrorBody(json);
      const err = fail(`HTTP ${res.status}${detail ? ` ${detail}` : ""}`, "http", res.status, json, retryable);
      if (!retryable) throw new AbortError(err);
      const wait = retryAfterMs(res.headers);
      if (wait !== null) {
        if (wait > (o.maxRetryAfterMs ?? 120_000)) throw new AbortError(err);
        (err as MarketplaceHttpError & { retryAfterMs?: number }).retryAfterMs = wait;
      }
      throw err;
    };

    try {
      return await pRetry(run, {
        retries: o.retries ?? 5,
        minTimeout: o.minBackoffMs ?? 500,
        maxTimeout: o.maxBackoffMs ?? 20_000,
        factor: 2,
        randomize: true,
        signal: o.signal,
        // Honour the server's Retry-After. With a shared budget, observe() has already paused the
        // key for every process and the next acquire() waits; otherwise wait here.
        onFailedAttempt: async (error) => {
          const extra = (error as unknown as { retryAfterMs?: number }).retryAfterMs;
          const budgetPauses = Boolean(o.budget?.observe && o.budgetKey);
          if (extra && !budgetPauses) await sleep(extra, undefined, { signal: o.signal });
        },
        shouldRetry: (error) => (error as unknown as MarketplaceHttpError).retryable !== false,
      });
    } catch (err) {
      if (err instanceof MarketplaceHttpError) throw err;
      const inner = (err as { originalError?: unknown }).originalError;
      if (inner instanceof MarketplaceHttpError) throw inner;
      throw fail(redact(String((err as Error)?.message ?? err), this.secrets), "network", null, undefined, false);
    }
  }
}
