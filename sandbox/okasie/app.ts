/**
 * The simulator's HTTP surface (Hono). Every API request goes through the order of §5.3:
 * route/method → authentication → rate limit → scope → handler, and every answer carries the
 * rate-limit headers and an `X-Request-Id`. Unexpected exceptions become the documented
 * `SERVER_ERROR` envelope, never a crash. Simulator controls live under `/__sim` (see sim-controls).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { createHash, randomUUID } from "node:crypto";
import type { ApiKey, Scope } from "./types";
import { Clock, OkasieStore } from "./store";
import { defaultSeed } from "./seed";
import { SimRateLimiter, limitsFromEnv, type RateLimits } from "./rate-limit";
import { FaultInjector, type FaultSpec } from "./faults";
import { ApiError, jsonHeaders, safeDecode } from "./http-util";
import * as h from "./handlers";
import { mountSimControls } from "./sim-controls";
import { ImageFetcher, type ImageFetchOptions } from "../shared/image-fetch";
import { jittered, okasieTiming, randomSource, type OkasieTiming, type TimingProfileName } from "../shared/timing";

export const API_PREFIX = "/api/external/v1";
/** Requests larger than this are refused with 413 (undocumented; [ASSUMED]). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

type Handler = (req: h.AuthedRequest) => h.Result | Promise<h.Result>;
interface Route {
  pattern: RegExp;
  names: string[];
  methods: Partial<Record<string, { scope: Scope; handler: Handler }>>;
}

const ROUTES: Route[] = [
  { pattern: /^\/listings$/, names: [], methods: { GET: { scope: "read:listings", handler: h.listListings } } },
  { pattern: /^\/listings\/bulk-upsert$/, names: [], methods: { POST: { scope: "write:listings", handler: h.bulkUpsert } } },
  {
    pattern: /^\/listings\/([^/]*)$/,
    names: ["ref"],
    methods: { PUT: { scope: "write:listings", handler: h.putListing }, DELETE: { scope: "write:listings", handler: h.deleteListing } },
  },
  {
    pattern: /^\/listings\/([^/]*)\/status$/,
    names: ["ref"],
    methods: { GET: { scope: "read:listings", handler: h.getStatus }, POST: { scope: "write:listings", handler: h.postStatus } },
  },
  { pattern: /^\/locations$/, names: [], methods: { GET: { scope: "read:locations", handler: h.listLocations } } },
  { pattern: /^\/locations\/([^/]*)\/listings$/, names: ["id"], methods: { GET: { scope: "read:listings", handler: h.locationListings } } },
];

export interface SandboxOptions {
  seed?: boolean;
  now?: () => number;
  rateLimits?: Partial<RateLimits>;
  /** Timing profile (default "contract": answers at once). */
  timing?: TimingProfileName;
  /** Seed of the latency jitter, for repeatable runs. */
  randomSeed?: number;
  /** Real image downloads (loopback and these hosts), bounded (G-18). */
  imageFetch?: ImageFetchOptions;
}

export interface SimState {
  store: OkasieStore;
  limiter: SimRateLimiter;
  faults: FaultInjector;
  clock: Clock;
  images: ImageFetcher;
  /** Latency added to every API answer (timing profile); /__sim/config can change it. */
  timing: OkasieTiming & { profile: TimingProfileName };
  stats: { requests: number; byStatus: Record<string, number>; byRoute: Record<string, number> };
  reset(seed?: boolean): void;
}

const hashKey = (secret: string) => createHash("sha256").update(secret).digest("hex").slice(0, 16);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
  });

function match(path: string): { route: Route; params: Record<string, string> } | { route: null; badEncoding?: boolean } {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (let i = 0; i < route.names.length; i++) {
      const decoded = safeDecode(m[i + 1]);
      if (decoded === null) return { route: null, badEncoding: true };
      params[route.names[i]] = decoded;
    }
    return { route, params };
  }
  return { route: null };
}

/** All routes whose pattern matches (a path can match both bulk-upsert and {ref}). */
function candidates(path: string): Route[] {
  return ROUTES.filter((r) => r.pattern.test(path));
}

function bearer(c: Context): string | null {
  const auth = c.req.header("authorization");
  if (auth !== undefined && auth.trim() !== "") {
    const m = /^bearer\s+(.*)$/i.exec(auth.trim());
    const token = m ? m[1].trim() : "";
    return token === "" ? null : token;
  }
  const apiKey = c.req.header("x-api-key")?.trim();
  return apiKey ? apiKey : null;
}

function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}

export function createSimState(options: SandboxOptions = {}): SimState {
  const clock = new Clock(options.now);
  const images = new ImageFetcher(options.imageFetch);
  const store = new OkasieStore(clock, images);
  const limiter = new SimRateLimiter({ ...limitsFromEnv(), ...options.rateLimits });
  const faults = new FaultInjector();
  const state: SimState = {
    store, limiter, faults, clock, images,
    timing: okasieTiming(options.timing ?? "contract"),
    stats: { requests: 0, byStatus: {}, byRoute: {} },
    reset(seed = true) {
      store.wipe();
      store.resetConfig();
      limiter.reset();
      faults.clear();
      clock.reset();
      state.timing = okasieTiming(options.timing ?? "contract");
      state.stats = { requests: 0, byStatus: {}, byRoute: {} };
      if (seed) store.load(defaultSeed());
    },
  };
  state.reset(options.seed !== false);
  return state;
}

/**
 * The realistic profile's network and server time: a base latency with jitter, more for each
 * item a write carries, and every Nth answer slow. Cut short when the client gives up.
 */
function latencyOf(state: SimState, answers: { n: number }, random: () => number, items: number): number {
  const t = state.timing;
  if (t.latencyMs <= 0 && t.perItemMs <= 0 && t.slowEvery <= 0) return 0;
  answers.n += 1;
  const slow = t.slowEvery > 0 && answers.n % t.slowEvery === 0 ? t.slowMs : 0;
  return jittered(t.latencyMs, t.jitterMs, random) + t.perItemMs * items + slow;
}

export function createOkasieApp(state: SimState, options: Pick<SandboxOptions, "randomSeed"> = {}): Hono {
  const app = new Hono();
  mountSimControls(app, state, "/__sim");
  mountSimControls(app, state, `${API_PREFIX}/__sim`);
  const random = randomSource(options.randomSeed);
  const answers = { n: 0 };

  app.all(`${API_PREFIX}/*`, async (c) => {
    const written = { items: 0 };
    const res = await handleApi(c, written);
    const wait = latencyOf(state, answers, random, written.items);
    if (wait > 0) await sleep(wait, c.req.raw.signal);
    return res;
  });

  async function handleApi(c: Context, written: { items: number }): Promise<Response> {
    const requestId = c.req.header("x-request-id")?.trim() || randomUUID();
    const url = new URL(c.req.url);
    const rawPath = url.pathname.slice(API_PREFIX.length) || "/";
    const method = c.req.method.toUpperCase();
    const secret = bearer(c);
    const key: ApiKey | undefined = secret ? state.store.keys.get(secret) : undefined;
    const bucket = key ? `key:${hashKey(key.secret)}` : `ip:${clientIp(c)}`;
    // Every answer carries the rate-limit headers (G-05), even the ones decided before counting.
    const headers: Record<string, string> = { ...jsonHeaders, "X-Request-Id": requestId, ...state.limiter.peek(bucket, state.clock.now()) };
    const reply = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      state.stats.requests += 1;
      state.stats.byStatus[status] = (state.stats.byStatus[status] ?? 0) + 1;
      const all = { ...headers, ...extra };
      if (method === "HEAD" || status === 204) return new Response(null, { status, headers: all });
      return new Response(JSON.stringify(body), { status, headers: all });
    };
    const fail = (err: ApiError, extra: Record<string, string> = {}) => reply(err.status, err.body(), { ...err.headers, ...extra });

    try {
      // 1. Route and method.
      const found = match(rawPath);
      if (!found.route) {
        if ("badEncoding" in found && found.badEncoding) return fail(new ApiError(400, "INVALID_REFERENCE", "Reference is not valid URL encoding"));
        return fail(new ApiError(404, "NOT_FOUND", "Route not found"));
      }
      const routes = candidates(rawPath);
      const effective = method === "HEAD" ? "GET" : method;
      const route = routes.find((r) => r.methods[effective]) ?? null;
      const allow = [...new Set(routes.flatMap((r) => Object.keys(r.methods)))];
      if (allow.includes("GET")) allow.push("HEAD");
      allow.push("OPTIONS");
      if (method === "OPTIONS") return reply(204, null, { Allow: allow.join(", ") });
      if (!route) return fail(new ApiError(405, "METHOD_NOT_ALLOWED", `Method ${method} not allowed`), { Allow: allow.join(", ") });
      const params = paramsFor(route, rawPath);
      const endpoint = route.methods[effective]!;
      state.stats.byRoute[`${effective} ${route.pattern.source}`] = (state.stats.byRoute[`${effective} ${route.pattern.source}`] ?? 0) + 1;

      // Fault injection (simulator only), matched on the API-relative path.
      const fault = state.faults.match(method, rawPath);
      const runFault = async (): Promise<Response | null> => {
        if (!fault) return null;
        if (fault.latencyMs) await sleep(fault.latencyMs, c.req.raw.signal);
        if (fault.timeout) {
          await sleep(fault.hangMs ?? 60_000, c.req.raw.signal);
          return reply(504, { error: { code: "SERVER_ERROR", message: "Injected timeout" } });
        }
        const rl = state.limiter.peek(bucket, state.clock.now());
        if (fault.malformed) {
          state.stats.requests += 1;
          return new Response('{"data": {"listingId": "', { status: 200, headers: { ...headers, ...rl } });
        }
        if (fault.status) {
          const status = fault.status;
          if (status === 429) {
            const retryAfter = fault.retryAfter ?? 1;
            return reply(429, { error: { code: fault.code ?? "RATE_LIMITED", message: "Too many requests", retryAt: new Date(state.clock.now() + retryAfter * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") } }, { ...rl, "X-RateLimit-Remaining": "0", "Retry-After": String(retryAfter) });
          }
          return reply(status, { error: { code: fault.code ?? (status >= 500 ? "SERVER_ERROR" : "INJECTED"), message: "Injected fault" } }, rl);
        }
        return null;
      };
      if (fault && (fault.phase ?? "before") === "before") {
        const r = await runFault();
        if (r) return r;
      }

      // 2. Authentication (failed attempts are counted per client IP).
      if (!key) {
        const d = state.limiter.take(bucket, state.clock.now());
        if (!d.allowed) return rateLimited(d, state, fail);
        return fail(new ApiError(401, "UNAUTHORIZED", secret ? "Invalid API key" : "Missing API key"), d.headers);
      }
      const partner = state.store.partners.get(key.partnerId) ?? { id: key.partnerId, name: key.partnerId };

      // 3. Rate limit.
      const decision = state.limiter.take(bucket, state.clock.now());
      if (!decision.allowed) return rateLimited(decision, state, fail);
      Object.assign(headers, decision.headers);

      // 4. Scope.
      if (!key.scopes.includes(endpoint.scope)) {
        return fail(new ApiError(403, "INSUFFICIENT_SCOPE", `Missing required scope: ${endpoint.scope}`));
      }

      let bodyText = "";
      if (method === "POST" || method === "PUT" || method === "PATCH") {
        const declared = Number(c.req.header("content-length") ?? "0");
        if (declared > MAX_BODY_BYTES) return fail(new ApiError(413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${MAX_BODY_BYTES} bytes`));
        bodyText = await c.req.text();
        if (Buffer.byteLength(bodyText) > MAX_BODY_BYTES) return fail(new ApiError(413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${MAX_BODY_BYTES} bytes`));
      }

      const result = await endpoint.handler({ store: state.store, key, partner, query: url.searchParams, params, bodyText });
      written.items = result.items ?? 0;
      if (fault && fault.phase === "after") {
        const r = await runFault();
        if (r) return r;
      }
      return reply(result.status, result.body);
    } catch (err) {
      if (err instanceof ApiError) return fail(err);
      console.error("[okasie-sim] unexpected error", (err as Error)?.stack ?? err);
      return reply(500, { error: { code: "SERVER_ERROR", message: "Internal server error" } });
    }
  }

  app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: "Route not found" } }, 404));
  app.onError((err, c) => {
    console.error("[okasie-sim] unhandled", err);
    return c.json({ error: { code: "SERVER_ERROR", message: "Internal server error" } }, 500);
  });
  return app;
}

function paramsFor(route: Route, path: string): Record<string, string> {
  const m = route.pattern.exec(path)!;
  const params: Record<string, string> = {};
  route.names.forEach((n, i) => (params[n] = safeDecode(m[i + 1]) ?? m[i + 1]));
  return params;
}

function rateLimited(d: ReturnType<SimRateLimiter["take"]>, state: SimState, fail: (e: ApiError, extra?: Record<string, string>) => Response) {
  const retryAt = new Date(d.retryAtMs ?? state.clock.now() + 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return fail(new ApiError(429, "RATE_LIMITED", "Too many requests", { retryAt }), {
    ...d.headers,
    "Retry-After": String(d.retryAfterSec ?? 1),
  });
}

export type { FaultSpec };
