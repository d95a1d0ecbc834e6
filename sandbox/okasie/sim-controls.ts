/**
 * Simulator-only controls (okasie.md §5.4), mounted at the server root `/__sim/*` and, for
 * convenience, under `/api/external/v1/__sim/*`. Never part of Okasie's API; they need no auth.
 *
 *   POST   /__sim/reset    {seed?: boolean}   wipe everything; reload the default seed unless seed=false
 *   POST   /__sim/seed     SeedData | {default: true}   add partners, keys, profiles, listings
 *   GET    /__sim/clock    → {now, frozen}
 *   POST   /__sim/clock    {freeze?: boolean|ISO, set?: ISO, advanceMs?: number}
 *   GET    /__sim/faults   → active faults;  DELETE /__sim/faults  clears them
 *   POST   /__sim/faults   FaultSpec | {faults: FaultSpec[]}
 *   GET    /__sim/config   → rate limits, strictFields, timing
 *   POST   /__sim/config   {ratePerMinute?, burstPerSecond?, strictFields?, publicBaseUrl?, timing?: "contract"|"realistic",
 *                           latencyMs?, jitterMs?, perItemMs?, slowEvery?, slowMs?}
 *   GET    /__sim/state    → partners, keys (secret hashed), profiles, listings incl. image sources, stats
 */
import type { Hono } from "hono";
import { createHash } from "node:crypto";
import type { SimState } from "./app";
import { okasieTiming, TIMING_PROFILES, type TimingProfileName } from "../shared/timing";
import type { FaultSpec } from "./faults";
import { defaultSeed, type SeedData } from "./seed";

async function readJson(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) return {};
  const parsed = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null) throw new Error("Body must be a JSON object or array");
  return parsed as Record<string, unknown>;
}

export function mountSimControls(app: Hono, state: SimState, base: string): void {
  const bad = (message: string) => Response.json({ error: { code: "INVALID_BODY", message } }, { status: 400 });
  const guard = (fn: (req: Request) => Promise<Response> | Response) => async (c: { req: { raw: Request } }) => {
    try {
      return await fn(c.req.raw);
    } catch (err) {
      return bad((err as Error).message);
    }
  };
  const clockJson = () => ({ now: new Date(state.clock.now()).toISOString(), frozen: state.clock.frozen });

  app.post(`${base}/reset`, guard(async (req) => {
    const body = await readJson(req);
    state.reset(body.seed !== false);
    return Response.json({ ok: true, seeded: body.seed !== false });
  }));

  app.post(`${base}/seed`, guard(async (req) => {
    const body = await readJson(req);
    state.store.load(body.default === true ? defaultSeed() : (body as SeedData));
    return Response.json({ ok: true, listings: state.store.listings.size, profiles: state.store.profiles.size });
  }));

  app.get(`${base}/clock`, () => Response.json(clockJson()));
  app.post(`${base}/clock`, guard(async (req) => {
    const body = await readJson(req);
    const at = (v: unknown) => {
      const ms = Date.parse(String(v));
      if (Number.isNaN(ms)) throw new Error(`Not a date: ${String(v)}`);
      return ms;
    };
    if (body.set !== undefined) state.clock.set(at(body.set));
    if (body.freeze === true) state.clock.freeze();
    else if (typeof body.freeze === "string") state.clock.freeze(at(body.freeze));
    else if (body.freeze === false) state.clock.unfreeze();
    if (typeof body.advanceMs === "number") state.clock.advance(body.advanceMs);
    return Response.json(clockJson());
  }));

  app.get(`${base}/faults`, () => Response.json({ faults: state.faults.list() }));
  app.delete(`${base}/faults`, () => {
    state.faults.clear();
    return Response.json({ ok: true });
  });
  app.post(`${base}/faults`, guard(async (req) => {
    const body = await readJson(req);
    const specs = (Array.isArray(body) ? body : Array.isArray(body.faults) ? body.faults : [body]) as FaultSpec[];
    const added = specs.map((s) => state.faults.add(s));
    return Response.json({ ok: true, faults: added.map((f) => f.id) });
  }));

  const configJson = () => ({ ok: true, rateLimits: state.limiter.limits, strictFields: state.store.strictFields, timing: state.timing });
  app.get(`${base}/config`, () => Response.json(configJson()));
  app.post(`${base}/config`, guard(async (req) => {
    const body = await readJson(req);
    if (typeof body.ratePerMinute === "number") state.limiter.limits.perMinute = body.ratePerMinute;
    if (typeof body.burstPerSecond === "number") state.limiter.limits.burstPerSecond = body.burstPerSecond;
    if (typeof body.strictFields === "boolean") state.store.strictFields = body.strictFields;
    if (typeof body.publicBaseUrl === "string") state.store.publicBaseUrl = body.publicBaseUrl;
    if (body.timing !== undefined) {
      if (!TIMING_PROFILES.includes(body.timing as TimingProfileName)) throw new Error(`timing must be one of ${TIMING_PROFILES.join(", ")}`);
      state.timing = okasieTiming(body.timing as TimingProfileName);
    }
    for (const key of ["latencyMs", "jitterMs", "perItemMs", "slowEvery", "slowMs"] as const) {
      if (body[key] === undefined) continue;
      const v = Number(body[key]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${key} must be a number ≥ 0`);
      state.timing = { ...state.timing, [key]: v };
    }
    return Response.json(configJson());
  }));

  app.get(`${base}/state`, () => {
    const s = state.store;
    return Response.json({
      clock: clockJson(),
      rateLimits: state.limiter.limits,
      imageDownloads: state.images.attempts,
      stats: state.stats,
      partners: [...s.partners.values()],
      keys: [...s.keys.values()].map((k) => ({
        secretSha256: createHash("sha256").update(k.secret).digest("hex").slice(0, 16),
        partnerId: k.partnerId, scopes: k.scopes, access: k.access,
      })),
      profiles: [...s.profiles.values()],
      listings: [...s.listings.values()].map((l) => ({
        ...l,
        createdAt: new Date(l.createdAt).toISOString(),
        updatedAt: new Date(l.updatedAt).toISOString(),
        soldAt: l.soldAt === null ? null : new Date(l.soldAt).toISOString(),
      })),
    });
  });
}
