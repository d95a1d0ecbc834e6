/**
 * Outbound calls go only where the server decides (issue #11, item 2). A hostile or broken server
 * sits where the sandbox is configured, and tries what a dealer admin could once point the app at:
 * redirecting the token elsewhere, a body without end, pages without end, and error text that
 * would turn the connection check into a port scanner. A production connection always uses the
 * marketplace's official URL, whatever a form or a stored row says.
 */
import { SANDBOX_PORTS } from "./sandbox-env";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signInAs } from "../foundation/session";
import { createConnectionAction, probeConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { baseUrlFor, contextFor } from "@/lib/connections/endpoint";
import { db } from "@/lib/db";
import { createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import { BLOCKET_TEXTS } from "@/lib/marketplaces/blocket/texts";
import { HttpClient, MarketplaceHttpError } from "@/lib/marketplaces/http";
import { createOkasieAdapter } from "@/lib/marketplaces/okasie/adapter";
import { OKASIE_PRODUCTION_URL } from "@/lib/marketplaces/okasie/descriptor";
import { OKASIE_TEXTS } from "@/lib/marketplaces/okasie/texts";
import { registerMarketplace } from "@/lib/marketplaces/registry/server";
import type { ConnectionContext } from "@/lib/marketplaces/types";
import { fjordRuntime } from "../marketplaces/fjord/runtime";
import { makeAdmin, makeDealer } from "../sync/helpers";
import { FJORD_KEY, startFjordServer, type FjordServer } from "../marketplaces/fjord/server";
import { words } from "../helpers/words";

const TOKEN = "tok-Outbound-Secret-91f3c2";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Recorder { server: Server; url: string; requests: { method: string; url: string; headers: IncomingMessage["headers"] }[]; handler: Handler }

async function listen(port: number, handler: Handler = (_req, res) => res.end()): Promise<Recorder> {
  const rec = { requests: [], handler } as unknown as Recorder;
  rec.server = createServer((req, res) => {
    rec.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    rec.handler(req, res);
  });
  await new Promise<void>((resolve) => rec.server.listen(port, "127.0.0.1", resolve));
  rec.url = `http://127.0.0.1:${(rec.server.address() as AddressInfo).port}`;
  return rec;
}
const close = (r?: Recorder) => new Promise<void>((resolve) => {
  if (!r) return resolve();
  r.server.close(() => resolve());
  r.server.closeAllConnections(); // a hostile answer may never end on its own
});

let okasieHost: Recorder; // where SANDBOX_OKASIE_URL points
let blocketHost: Recorder; // where SANDBOX_BLOCKET_URL points
let elsewhere: Recorder; // where a redirect would send the token

beforeAll(async () => {
  okasieHost = await listen(SANDBOX_PORTS.okasie);
  blocketHost = await listen(SANDBOX_PORTS.blocket);
  elsewhere = await listen(0, (_req, res) => res.end("{}"));
});
afterAll(async () => {
  await Promise.all([close(okasieHost), close(blocketHost), close(elsewhere)]);
});
beforeEach(() => {
  for (const r of [okasieHost, blocketHost, elsewhere]) r.requests.length = 0;
});

const ctx = (baseUrl: string, marketplace = "OKASIE"): ConnectionContext => ({
  baseUrl, token: TOKEN, budgetKey: `outbound-${Math.random()}`,
  identity: marketplace === "OKASIE" ? { marketplace, dealerLocationCode: "DEX-GENT" } : { marketplace, dealerCode: "FC-STHLM", tokenScope: "dealer_group" },
});
const quick = { retries: 1, minBackoffMs: 10, maxBackoffMs: 20, timeoutMs: 3_000 };

describe("no request follows a redirect with the token", () => {
  test.each([301, 302, 307, 308])("HTTP %i to another host: refused, nothing reaches that host, no secret in the error", async (status) => {
    okasieHost.handler = (_req, res) => { res.writeHead(status, { location: `${elsewhere.url}/steal` }); res.end(); };
    const client = new HttpClient({ baseUrl: okasieHost.url, headers: { authorization: `Bearer ${TOKEN}`, "x-auth-token": TOKEN }, retries: 2, minBackoffMs: 5, maxBackoffMs: 10 });
    const err = await client.request({ method: "GET", path: "/listings" }).catch((e) => e);
    expect(err).toBeInstanceOf(MarketplaceHttpError);
    expect(err).toMatchObject({ kind: "redirect", retryable: false, attempts: 1 });
    expect(err.message).not.toContain(TOKEN);
    expect(elsewhere.requests).toHaveLength(0);
    expect(okasieHost.requests).toHaveLength(1);
  });

  test("through the connection form, for both marketplaces: a fixed message, the token stays home", async () => {
    const redirect: Handler = (_req, res) => { res.writeHead(302, { location: `${elsewhere.url}/steal` }); res.end(); };
    okasieHost.handler = redirect;
    blocketHost.handler = redirect;
    await signInAs("admin@forecourt.test");
    const okasie = await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: TOKEN });
    const blocket = await probeConnectionAction({ dealer: "bilhuset", marketplace: "BLOCKET", environment: "SANDBOX", token: TOKEN });
    expect(okasie.data).toMatchObject({ ok: false, status: "unexpected", message: OKASIE_TEXTS.check.unexpected });
    expect(blocket.data).toMatchObject({ ok: false, status: "unexpected", message: BLOCKET_TEXTS.check.unexpected });
    expect(okasieHost.requests.length).toBeGreaterThan(0);
    expect(blocketHost.requests[0].headers["x-auth-token"]).toBe(TOKEN); // it was sent to the configured host only …
    expect(elsewhere.requests).toHaveLength(0); // … and never followed anywhere else
  });
});

describe("answers and pages are capped", () => {
  test("a body larger than the cap is refused while it streams in (and when it is announced)", async () => {
    let written = 0;
    let stopped = false;
    okasieHost.handler = (req, res) => {
      if (req.url?.startsWith("/announced")) {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) });
        res.write("[");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!stopped && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => { stopped = true; });
      pump();
    };
    const client = new HttpClient({ baseUrl: okasieHost.url, headers: { authorization: `Bearer ${TOKEN}` }, retries: 3, maxResponseBytes: 1024 * 1024 });
    const streamed = await client.request({ method: "GET", path: "/endless" }).catch((e) => e);
    expect(streamed).toMatchObject({ kind: "too_large", retryable: false, attempts: 1 });
    expect(words(streamed.message)).toMatch(/larger than 1,048,576 bytes/);
    await new Promise((r) => setTimeout(r, 100));
    expect(written).toBeLessThan(32 * 1024 * 1024); // the client hung up long before the 200 MB
    const announced = await client.request({ method: "GET", path: "/announced" }).catch((e) => e);
    expect(announced).toMatchObject({ kind: "too_large" });
  });

  test("Okasie: a server claiming endless pages is stopped at the page cap", async () => {
    let page = 0;
    okasieHost.handler = (_req, res) => {
      page += 1;
      const data = Array.from({ length: 200 }, (_, i) => ({ id: `p${page}-${i}`, externalReference: `R-${page}-${i}`, status: "active" }));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data, pagination: { page, pageSize: 200, totalItems: 1e9, totalPages: 5e6 } }));
    };
    const adapter = createOkasieAdapter({ client: { ...quick, maxPages: 7 } });
    const err = await adapter.remoteState({ since: null }, ctx(okasieHost.url)).catch((e) => e);
    expect(err).toBeInstanceOf(MarketplaceHttpError);
    expect(words(err.message)).toMatch(/beyond 7;/);
    expect(okasieHost.requests).toHaveLength(7);
    // Page by page (the engine's reader) stops the same way.
    okasieHost.requests.length = 0;
    const pages: number[] = [];
    const paged = await (async () => { for await (const ads of adapter.remotePages!({ since: null }, ctx(okasieHost.url))) pages.push(ads.length); })().catch((e) => e);
    expect(words(paged.message)).toMatch(/beyond 7;/);
    expect(pages).toHaveLength(7);
  });

  test("Blocket: endless ad pages and endless log pages are stopped at the page cap", async () => {
    let n = 0;
    blocketHost.handler = (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      if (req.url?.includes("/log")) {
        n += 1;
        const results = Array.from({ length: 100 }, (_, i) => ({ request_id: `r${n}-${i}`, created: new Date(Date.now() - n * 1000).toISOString(), action: "publish", state: "done" }));
        return res.end(JSON.stringify({ results, next: "more" }));
      }
      if (/\/v4\/ad\/[^/?]+(\?|$)/.test(req.url ?? "")) return res.end(JSON.stringify({ id: "ad-1", source_id: "REF-1", state: "active" }));
      n += 1;
      const results = Array.from({ length: 100 }, (_, i) => ({ id: `a${n}-${i}`, source_id: `S-${n}-${i}`, state: "active" }));
      res.end(JSON.stringify({ count: 1e9, next: "more", results }));
    };
    const adapter = createBlocketAdapter({ ...quick, maxPages: 4, requestsPerSecond: 1000 });
    const ads = await adapter.remoteState({ since: null }, ctx(blocketHost.url, "BLOCKET")).catch((e) => e);
    expect(words(ads.message)).toMatch(/beyond 4;/);
    expect(blocketHost.requests).toHaveLength(4);
    blocketHost.requests.length = 0;
    n = 0;
    const logs = await adapter.logs!("REF-1", null, ctx(blocketHost.url, "BLOCKET")).catch((e) => e);
    expect(words(logs.message)).toMatch(/beyond 4;/);
    expect(blocketHost.requests.filter((r) => r.url.includes("/log"))).toHaveLength(4);
  });
});

describe("the connection check reports no remote text", () => {
  test("an error page's words, a refused port: the admin reads the marketplace module's own sentence", async () => {
    await signInAs("owner@autogent.test");
    okasieHost.handler = (_req, res) => {
      res.writeHead(500, { "content-type": "application/json", server: "internal-banner/1.2.3" });
      res.end(JSON.stringify({ error: { code: "INTERNAL_BANNER", message: "db01.corp.example:5432 refused; admin panel at /secret" } }));
    };
    const failing = await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: TOKEN });
    expect(failing.data).toMatchObject({ ok: false, message: OKASIE_TEXTS.check.unreachable });
    expect(JSON.stringify(failing)).not.toMatch(/banner|db01|secret|5432/i);

    okasieHost.handler = (_req, res) => { res.writeHead(418, { "content-type": "text/plain" }); res.end("SSH-2.0-OpenSSH_9.6 on port 22"); };
    const odd = await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: TOKEN });
    expect(odd.data).toMatchObject({ ok: false, message: OKASIE_TEXTS.check.unexpected });
    expect(JSON.stringify(odd)).not.toMatch(/OpenSSH|418|port 22/);

    await close(okasieHost);
    try {
      const refused = await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: TOKEN });
      expect(refused.data).toMatchObject({ ok: false, status: "unreachable", message: OKASIE_TEXTS.check.unreachable });
      expect(JSON.stringify(refused)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\d{4,5}/);
    } finally {
      okasieHost = await listen(SANDBOX_PORTS.okasie);
    }
  });
});

describe("production connections use the official URL", () => {
  let official: FjordServer;
  beforeAll(async () => {
    official = await startFjordServer();
    registerMarketplace(fjordRuntime(official.baseUrl), () => ({ sandboxUrl: "http://127.0.0.1:9/unused" }));
  });
  afterAll(async () => { await official?.close(); });

  test("a URL sent with a production connection is ignored: the check and the stored row use the official one", async () => {
    const dealer = await makeDealer("BE");
    await signInAs((await makeAdmin(dealer.id)).email);
    const hostile = `${elsewhere.url}/grab`;
    const input = { dealer: dealer.slug, name: "Fjord production", marketplace: "FJORD", environment: "PRODUCTION" as const, token: FJORD_KEY, dealerCode: "FJ-9", baseUrl: hostile };
    const created = await createConnectionAction(input as Parameters<typeof createConnectionAction>[0]);
    expect(created.data?.id).toBeTruthy();
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.data!.id } });
    expect(row.baseUrl).toBe(official.baseUrl);
    expect(official.requests.length).toBeGreaterThan(0);
    expect(elsewhere.requests).toHaveLength(0);
  });

  test("a stored production row pointing elsewhere still calls the official host", () => {
    const stored = { marketplace: "OKASIE", environment: "PRODUCTION" as const, baseUrl: "http://169.254.169.254/latest/meta-data#", dealerLocationCode: "DEX-GENT" };
    expect(baseUrlFor(stored)).toBe(OKASIE_PRODUCTION_URL);
    expect(contextFor(stored, TOKEN).baseUrl).toBe(OKASIE_PRODUCTION_URL);
  });
});
