/**
 * The Hono app: `/pro-import-api/v3|v4/…` (Blocket's API) and `/__sim/…` (controls).
 * HTTP faults and the optional throttle run before auth, as a proxy or load balancer would.
 */
import { Hono, type Context } from "hono";
import { categoryByType } from "./categories";
import { authenticate, throttle, type Auth } from "./auth";
import { bumpAd, createAd, deleteAd, findAd, migrateAd, polePosition, retryAd, updateAd, validateOnly, type Resource } from "./ads";
import type { HttpFault } from "./faults";
import { adLog, listAds } from "./lists";
import { v3Lookup, v4Lookup } from "./lookups";
import { renderAd } from "./render";
import { json, methodNotAllowed, notFound } from "./respond";
import { handleSim } from "./sim";
import type { SandboxState } from "./state";

export const API_PREFIX = "/pro-import-api";

type Env = { Variables: { auth: Auth } };

/** Sleeps that close() can cut short, so a "timeout" fault never outlives the simulator. */
class Sleeps {
  private pending = new Set<() => void>();
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.pending.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
  }
  cancelAll(): void {
    for (const done of [...this.pending]) done();
  }
}

function resourceOf(ver: string, kind: string): Resource | null {
  if (ver === "v3") return kind === "ad" ? { version: "v3", typed: null } : null;
  if (ver !== "v4") return null;
  if (kind === "ad") return { version: "v4", typed: null };
  const typed = categoryByType(kind);
  return typed ? { version: "v4", typed } : null;
}

async function faultResponse(fault: HttpFault, sleeps: Sleeps): Promise<Response | null> {
  switch (fault.kind) {
    case "latency":
      await sleeps.wait(fault.delayMs ?? 1000);
      return null;
    case "timeout":
      await sleeps.wait(fault.delayMs ?? 30_000);
      return json({ detail: "Gateway timeout." }, 504);
    case "rate_limit": {
      const seconds = fault.retryAfterSec ?? 1;
      return json({ detail: `Request was throttled. Expected available in ${seconds} seconds.` }, 429, { "retry-after": String(seconds) });
    }
    case "malformed":
      return new Response('{"count": 1, "next": null, "results": [{"id": "', { status: 200, headers: { "content-type": "application/json" } });
    case "status": {
      const status = fault.status ?? 503;
      if (status === 502) return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", { status, headers: { "content-type": "text/html" } });
      return json({ detail: "A server error occurred." }, status);
    }
  }
}

export function createApp(state: SandboxState): { app: Hono; sleeps: Sleeps } {
  const sleeps = new Sleeps();
  const app = new Hono();
  const api = new Hono<Env>();

  api.use("*", async (c, next) => {
    const path = c.req.path.slice(API_PREFIX.length) || "/";
    const before = state.faults.takeHttp(c.req.method, path, "before");
    if (before) {
      const res = await faultResponse(before, sleeps);
      if (res) return res;
    }
    const auth = authenticate(state, c.req.raw);
    if (auth instanceof Response) return auth;
    const throttled = throttle(state, auth.token);
    if (throttled) return throttled;
    c.set("auth", auth);
    await next();
    const after = state.faults.takeHttp(c.req.method, path, "after");
    if (after) {
      const res = await faultResponse(after, sleeps);
      if (res) c.res = res;
    }
  });

  const url = (c: Context) => new URL(c.req.url);

  api.get("/v3/vehicle/:name", (c) => v3Lookup(c.req.param("name"), url(c).searchParams));
  api.get("/v4/vehicles/:type/:attribute", (c) => v4Lookup(c.req.param("type"), c.req.param("attribute"), url(c).searchParams));

  api.get("/:ver/:kind", (c) => {
    const resource = resourceOf(c.req.param("ver"), c.req.param("kind"));
    return resource ? listAds(state, c.get("auth"), resource, url(c)) : notFound();
  });
  api.post("/:ver/:kind", (c) => {
    const resource = resourceOf(c.req.param("ver"), c.req.param("kind"));
    return resource ? createAd(state, c.get("auth"), resource, c.req.raw) : notFound();
  });
  api.post("/:ver/:kind/validate", (c) => {
    const resource = resourceOf(c.req.param("ver"), c.req.param("kind"));
    // Generic v4 has no validate endpoint; v3 has /v3/ad/validate, v4 the typed ones.
    if (!resource || (resource.version === "v4" && !resource.typed)) return notFound();
    return validateOnly(state, c.get("auth"), resource, c.req.raw);
  });
  api.on(["GET", "PUT", "PATCH", "DELETE"], "/:ver/:kind/:sid", async (c) => {
    const resource = resourceOf(c.req.param("ver"), c.req.param("kind"));
    if (!resource) return notFound();
    const found = findAd(state, c.get("auth"), resource, c.req.param("sid"), url(c).searchParams);
    if (found instanceof Response) return found;
    switch (c.req.method) {
      case "GET": {
        const fields = url(c).searchParams.get("fields");
        return json(renderAd(found, { includeLog: true, fields: fields ? [...fields.split(","), "log"] : null }));
      }
      case "PUT":
      case "PATCH":
        return updateAd(state, c.get("auth"), resource, found, c.req.raw, c.req.method);
      default:
        return deleteAd(state, found);
    }
  });
  api.get("/:ver/:kind/:sid/:op", (c) => {
    const resource = resourceOf(c.req.param("ver"), c.req.param("kind"));
    const op = c.req.param("op");
    if (!resource || !["log", "bump", "pole_position", "retry"].includes(op) || (op === "retry" && resource.version === "v3")) return notFound();
    const found = findAd(state, c.get("auth"), resource, c.req.param("sid"), url(c).searchParams);
    if (found instanceof Response) return found;
    if (op === "log") return adLog(state, found, url(c));
    if (op === "bump") return bumpAd(state, found, url(c).searchParams);
    if (op === "pole_position") return polePosition(state, found);
    return retryAd(state, found);
  });
  api.post("/:ver/:kind/:sid/migrate", async (c) => {
    const resource = resourceOf(c.req.param("ver"), c.req.param("kind"));
    if (!resource || resource.version !== "v4") return notFound();
    const found = findAd(state, c.get("auth"), resource, c.req.param("sid"), url(c).searchParams);
    if (found instanceof Response) return found;
    return migrateAd(state, resource, found, c.req.raw);
  });
  api.all("/:ver/:kind/:sid", (c) => methodNotAllowed(c.req.method));
  api.all("/:ver/:kind", (c) => methodNotAllowed(c.req.method));

  app.route(API_PREFIX, api);
  app.all("/__sim/*", (c) => handleSim(state, c.req.raw, c.req.path.slice("/__sim".length)));
  app.notFound(() => notFound());
  app.onError((err) => {
    // A simulator bug must still answer like a server would, never crash the process.
    console.error("[blocket-sandbox]", err);
    return json({ detail: "A server error occurred." }, 500);
  });
  return { app, sleeps };
}
