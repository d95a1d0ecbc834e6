/**
 * `/__sim` control surface (G-SIM; never called by the production client): reset, seed, clock
 * (realtime/manual, advance, tick, drain), config, faults, state dump and charges.
 */
import type { TokenFixture } from "./fixtures";
import type { HttpFault, ActionFault } from "./faults";
import { iso } from "./render";
import { isObject, json, notFound, readJsonObject } from "./respond";
import type { SandboxState, SimConfig } from "./state";
import { TIMING_PROFILES, type TimingProfileName } from "../shared/timing";

const ACTIONS = ["create", "update", "handle_media", "publish", "unpublish", "delete", "bump", "boost"];
const HTTP_KINDS = ["status", "rate_limit", "latency", "timeout", "malformed"];

function adState(state: SandboxState) {
  const ads = [...state.store.all()].map((ad) => {
    const lastError = [...ad.log].reverse().find((e) => e.state === "error");
    return {
      id: ad.id,
      source_id: ad.sourceId,
      dealer_code: ad.dealerCode,
      category_id: ad.categoryId,
      state: ad.state,
      visible: ad.data.visible !== false,
      published: ad.published,
      blocket_ad_id: ad.blocketAdId,
      offer_id: ad.offerId,
      api_version: ad.apiVersion,
      pending_actions: ad.queue.flatMap((job) => job.steps.slice(job.index)),
      /** When the ad's last queued action finished (null while work is pending). */
      settled_at: ad.settledAt === null ? null : iso(ad.settledAt),
      settled_at_ms: ad.settledAt,
      last_error: lastError ? { action: lastError.action, message: lastError.externalMessage, created: iso(lastError.created) } : null,
      log_entries: ad.log.length,
    };
  });
  return { now: iso(state.scheduler.now()), clock_mode: state.scheduler.mode, pending_steps: state.scheduler.pending, image_downloads: state.images.attempts, ad_count: ads.length, ads };
}

function validHttpFault(body: Record<string, unknown>): Omit<HttpFault, "id"> | string {
  const kind = body.kind;
  if (typeof kind !== "string" || !HTTP_KINDS.includes(kind)) return `kind must be one of ${HTTP_KINDS.join(", ")}`;
  const num = (k: string) => (body[k] === undefined ? undefined : Number(body[k]));
  const fault: Omit<HttpFault, "id"> = {
    kind: kind as HttpFault["kind"],
    status: num("status"),
    retryAfterSec: num("retryAfterSec"),
    delayMs: num("delayMs"),
    path: typeof body.path === "string" ? body.path : undefined,
    method: typeof body.method === "string" ? body.method : undefined,
    phase: body.phase === "after" ? "after" : "before",
    count: num("count"),
    probability: num("probability"),
  };
  for (const [k, v] of Object.entries(fault)) if (typeof v === "number" && !Number.isFinite(v)) return `${k} must be a number`;
  return fault;
}

export async function handleSim(state: SandboxState, req: Request, path: string): Promise<Response> {
  const method = req.method;
  const body = method === "POST" || method === "PUT" ? await readJsonObject(req) : {};
  if (body instanceof Response) return body;
  const bad = (message: string) => json({ detail: message }, 400);

  if (path === "/reset" && method === "POST") {
    state.reset(body.seed !== false);
    return json({ ok: true });
  }
  if (path === "/seed" && method === "POST") {
    if (Array.isArray(body.dealers)) {
      for (const d of body.dealers) {
        if (!isObject(d) || typeof d.code !== "string") return bad("each dealer needs a code");
        state.seed.dealers = state.seed.dealers.filter((x) => x.code !== d.code);
        state.seed.dealers.push({ code: d.code, name: String(d.name ?? d.code), storeId: String(d.storeId ?? "50000"), bumpPermission: d.bumpPermission !== false });
      }
    }
    if (isObject(body.tokens)) {
      for (const [token, fixture] of Object.entries(body.tokens)) {
        if (!isObject(fixture) || (fixture.scope !== "dealer_code" && fixture.scope !== "dealer_group")) return bad(`token fixture ${token} needs a scope`);
        state.seed.tokens[token] = fixture as unknown as TokenFixture;
      }
    }
    if (Array.isArray(body.adminAds)) for (const a of body.adminAds) if (isObject(a)) state.seed.adminAds.push(a as never);
    return json({ dealers: state.seed.dealers, tokens: Object.keys(state.seed.tokens).length, adminAds: state.seed.adminAds.length });
  }
  if (path === "/admin-ads" && method === "POST") {
    if (typeof body.dealerCode !== "string" || typeof body.registrationNumber !== "string" || typeof body.blocketAdId !== "string") return bad("dealerCode, registrationNumber and blocketAdId are required");
    state.seed.adminAds.push({ dealerCode: body.dealerCode, registrationNumber: body.registrationNumber, blocketAdId: body.blocketAdId, offerId: typeof body.offerId === "string" ? body.offerId : null });
    return json({ ok: true }, 201);
  }
  if (path === "/state" && method === "GET") return json(adState(state));
  if (path === "/charges" && method === "GET") return json(state.processor.charges.map((c) => ({ ...c, at: iso(c.at) })));
  if (path === "/config") {
    if (method === "GET") return json(state.config);
    if (method === "PUT" || method === "POST") {
      const patch: Partial<SimConfig> = {};
      if (body.timing !== undefined) {
        if (!TIMING_PROFILES.includes(body.timing as TimingProfileName)) return bad(`timing must be one of ${TIMING_PROFILES.join(", ")}`);
        state.setTiming(body.timing as TimingProfileName);
      }
      for (const key of ["processingDelayMs", "processingJitterMs", "slowStepEvery", "slowStepMs"] as const) {
        if (body[key] === undefined) continue;
        const v = Number(body[key]);
        if (!Number.isFinite(v) || v < 0) return bad(`${key} must be a number ≥ 0`);
        patch[key] = v;
      }
      if (body.listShape !== undefined) {
        if (body.listShape !== "envelope" && body.listShape !== "bare-when-no-limit") return bad("listShape must be envelope or bare-when-no-limit");
        patch.listShape = body.listShape;
      }
      if (body.putSemantics !== undefined) {
        if (body.putSemantics !== "merge" && body.putSemantics !== "replace") return bad("putSemantics must be merge or replace");
        patch.putSemantics = body.putSemantics;
      }
      if (body.validationProfile !== undefined) {
        if (body.validationProfile !== "strict" && body.validationProfile !== "lenient") return bad("validationProfile must be strict or lenient");
        patch.validationProfile = body.validationProfile;
      }
      if (body.strictUnknownFields !== undefined) patch.strictUnknownFields = body.strictUnknownFields === true;
      if (body.rateLimitPerSec !== undefined) {
        const v = Number(body.rateLimitPerSec);
        if (!Number.isFinite(v) || v < 0) return bad("rateLimitPerSec must be a number ≥ 0");
        patch.rateLimitPerSec = v;
      }
      state.setConfig(patch);
      return json(state.config);
    }
  }
  if (path === "/clock") {
    if (method === "GET") return json({ now: iso(state.scheduler.now()), mode: state.scheduler.mode, pending_steps: state.scheduler.pending });
    if (method === "POST" || method === "PUT") {
      if (body.mode !== undefined) {
        if (body.mode !== "realtime" && body.mode !== "manual") return bad("mode must be realtime or manual");
        state.scheduler.setMode(body.mode);
      }
      let ran = 0;
      if (body.advanceMs !== undefined) {
        const ms = Number(body.advanceMs);
        if (!Number.isFinite(ms) || ms < 0) return bad("advanceMs must be a number ≥ 0");
        ran = state.scheduler.advance(ms);
      }
      return json({ now: iso(state.scheduler.now()), mode: state.scheduler.mode, ran, pending_steps: state.scheduler.pending });
    }
  }
  if (path === "/tick" && method === "POST") {
    const steps = body.steps === undefined ? 1 : Number(body.steps);
    if (!Number.isInteger(steps) || steps < 0) return bad("steps must be an integer ≥ 0");
    return json({ ran: state.scheduler.tick(steps), pending_steps: state.scheduler.pending });
  }
  if (path === "/drain" && method === "POST") return json({ ran: await state.drain(), pending_steps: state.scheduler.pending });
  if (path === "/faults") {
    if (method === "GET") return json({ http: state.faults.http, actions: state.faults.actions });
    if (method === "DELETE") {
      state.faults.clear();
      return json({ ok: true });
    }
    if (method === "POST") {
      if (body.type === "action" || (body.type === undefined && body.action !== undefined)) {
        if (typeof body.action !== "string" || !ACTIONS.includes(body.action)) return bad(`action must be one of ${ACTIONS.join(", ")}`);
        const fault: Omit<ActionFault, "id"> = {
          action: body.action as ActionFault["action"],
          sourceId: typeof body.sourceId === "string" ? body.sourceId : typeof body.source_id === "string" ? body.source_id : undefined,
          message: body.message,
          count: body.count === undefined ? undefined : Number(body.count),
          probability: body.probability === undefined ? undefined : Number(body.probability),
        };
        return json(state.faults.addAction(fault), 201);
      }
      const fault = validHttpFault(body);
      if (typeof fault === "string") return bad(fault);
      return json(state.faults.addHttp(fault), 201);
    }
  }
  const faultId = /^\/faults\/([\w-]+)$/.exec(path);
  if (faultId && method === "DELETE") return state.faults.remove(faultId[1]) ? json({ ok: true }) : notFound();
  return notFound();
}
