/**
 * The contract-conformance suite's harness: both simulators over real HTTP on loopback, a small
 * image server (the kind of URL Forecourt's own photos have in dev), and `clause()`, which names
 * every check after the contract statement it comes from — so a failing check says which
 * promise of `okasie.md` / `blocket.md` a sandbox change broke.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { it } from "vitest";
import { startBlocketSandbox, type BlocketSandboxOptions } from "@/sandbox/blocket/index";
import { startOkasieSandbox, SANDBOX_SECRET, type RunningOkasieSandbox } from "@/sandbox/okasie";
import type { SandboxOptions } from "@/sandbox/okasie/app";

/** `clause("okasie.md §2.2.1 [DOC]", "year is 1900 … next year", fn)`. */
export function clause(ref: string, statement: string, fn: () => Promise<void>, timeoutMs?: number): void {
  it(`${ref} — ${statement}`, fn, timeoutMs);
}

export interface HttpAnswer {
  status: number;
  body: any;
  headers: Headers;
  ms: number;
}

async function answer(res: Response, started: number): Promise<HttpAnswer> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers, ms: Date.now() - started };
}

// ---- Okasie ---------------------------------------------------------------------------------

export interface OkasieHandle {
  sim: RunningOkasieSandbox;
  api(method: string, path: string, json?: unknown, opts?: { token?: string | null; raw?: string; headers?: Record<string, string> }): Promise<HttpAnswer>;
  control(path: string, body?: unknown, method?: string): Promise<any>;
  /** A listing as GET /listings?status=all returns it. */
  listing(reference: string): Promise<any>;
  /** The simulator's own record (original image URLs included). */
  stored(reference: string): Promise<any>;
  close(): Promise<void>;
}

export async function startOkasie(options: SandboxOptions = {}): Promise<OkasieHandle> {
  const sim = await startOkasieSandbox({ port: 0, rateLimits: { perMinute: 0, burstPerSecond: 0 }, ...options });
  const api: OkasieHandle["api"] = async (method, path, json, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? SANDBOX_SECRET : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) headers["content-type"] = "application/json";
    const started = Date.now();
    const res = await fetch(sim.baseUrl + path, { method, headers, body: opts.raw ?? (json === undefined ? undefined : JSON.stringify(json)) });
    return answer(res, started);
  };
  const control: OkasieHandle["control"] = async (path, body, method = body === undefined ? "GET" : "POST") => {
    const res = await fetch(`${sim.origin}/__sim${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  };
  return {
    sim, api, control,
    listing: async (reference) => {
      const all = await api("GET", "/listings?status=all&pageSize=200");
      return all.body.data.find((l: any) => l.externalReference === reference);
    },
    stored: async (reference) => (await control("/state")).listings.find((l: any) => l.externalReference === reference),
    close: () => sim.close(),
  };
}

/** A complete, valid active listing (PUT body) at the sandbox partner's Gent location. */
export function okasieCar(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dealerLocationCode: "DEX-GENT", status: "active", title: "Skoda Octavia Combi 2.0 TDI", price: 21_950, currency: "EUR",
    brand: "Skoda", model: "Octavia", year: 2020, mileage: 61_000, fuelType: "diesel", transmission: "manual", bodyType: "wagon",
    postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
    ...overrides,
  };
}

// ---- Blocket --------------------------------------------------------------------------------

export const BLOCKET_GROUP_TOKEN = "blocket-sandbox-token";
export const BLOCKET_DEALER_TOKEN = "blocket-sandbox-dealer-token";

export interface BlocketHandle {
  origin: string;
  sandbox: Awaited<ReturnType<typeof startBlocketSandbox>>["sandbox"];
  api(method: string, path: string, json?: unknown, opts?: { token?: string | null }): Promise<HttpAnswer>;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** Runs every queued worker step (manual clock), waiting for image downloads. */
  drain(): Promise<void>;
  ad(sourceId: string): Promise<any>;
  close(): Promise<void>;
}

/** A Blocket simulator on a free port; `manual` (default) runs the worker only on drain(). */
export async function startBlocket(options: BlocketSandboxOptions & { manual?: boolean } = {}): Promise<BlocketHandle> {
  const running = await startBlocketSandbox({ port: 0, ...options });
  const api: BlocketHandle["api"] = async (method, path, json, opts = {}) => {
    const headers: Record<string, string> = {};
    const token = opts.token === undefined ? BLOCKET_GROUP_TOKEN : opts.token;
    if (token) headers["x-auth-token"] = token;
    if (json !== undefined) headers["content-type"] = "application/json";
    const started = Date.now();
    const res = await fetch(running.baseUrl + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    return answer(res, started);
  };
  const control: BlocketHandle["control"] = async (method, path, body) => {
    const res = await fetch(`${running.origin}/__sim${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  };
  if (options.manual !== false) await control("POST", "/clock", { mode: "manual" });
  return {
    origin: running.origin,
    sandbox: running.sandbox,
    api, control,
    drain: async () => void (await control("POST", "/drain")),
    ad: async (sourceId) => (await api("GET", `/v4/ad/${encodeURIComponent(sourceId)}`)).body,
    close: () => running.close(),
  };
}

/** A valid v4 car (POST /v4/car) with the strict field set (blocket.md §3.5, §3.6). */
export function blocketCar(sourceId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source_id: sourceId,
    dealer_code: "FC-STHLM",
    body: "Välskött, servad.",
    price: [{ type: "list", amount: 249_900, currency: "SEK" }],
    category_fields: {
      registration_number: "ABC123", brand: "volvo", model: "xc60", model_type: "T5", model_year: 2021, body_type: "suv",
      condition: { mileage: { unit: "km", value: 42_000 }, is_new_vehicle: false },
      powertrain: { transmission: "automatic", fuels: ["gasoline"] },
    },
    ...overrides,
  };
}

/** A valid v4 boat: a non-registered vehicle, so title and contact are required. */
export function blocketBoat(sourceId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source_id: sourceId, dealer_code: "FC-STHLM", title: "Buster XL", body: "Aluminiumbåt.",
    price: [{ type: "list", amount: 150_000, currency: "SEK" }],
    contact: { name: "Anna", phone: "+46701234567", email: "anna@example.se" },
    category_fields: { brand: "buster", model_year: 2019 },
    ...overrides,
  };
}

export const logSteps = (ad: { log?: { action: string; state: string }[] }) => (ad.log ?? []).map((e) => `${e.action}/${e.state}`);

// ---- An image server on loopback ------------------------------------------------------------

const b64 = (s: string) => Buffer.from(s, "base64");
/** Tiny but real images (1×1): what matters to the simulators is the bytes, never the name. */
export const IMAGE_BYTES = {
  jpeg: b64("/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA="),
  png: b64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  webp: b64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA"),
  gif: b64("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="),
};

export interface ImageServer {
  origin: string;
  url(path: string): string;
  /** Requests per path (query string excluded). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Paths: /ok.jpg /ok.png /ok.webp /ok.gif (real images), /octet.jpg (a JPEG sent as
 * application/octet-stream), /text.jpg (text that claims to be a JPEG), /missing.jpg (404),
 * /error.jpg (500), /slow.jpg (answers after 5 s), /huge.jpg (a JPEG header, then 2 MB),
 * /hop.jpg (302 to /ok.jpg), /away.jpg (302 to a host the sandbox does not reach).
 */
export async function startImageServer(): Promise<ImageServer> {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const send = (res: ServerResponse, type: string, body: Buffer | string, status = 200) => {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (path) {
      case "/ok.jpg": return send(res, "image/jpeg", IMAGE_BYTES.jpeg);
      case "/ok.png": return send(res, "image/png", IMAGE_BYTES.png);
      case "/ok.webp": return send(res, "image/webp", IMAGE_BYTES.webp);
      case "/ok.gif": return send(res, "image/gif", IMAGE_BYTES.gif);
      case "/octet.jpg": return send(res, "application/octet-stream", IMAGE_BYTES.jpeg);
      case "/text.jpg": return send(res, "image/jpeg", "This is not a photo, it is a text file with a .jpg name.");
      case "/missing.jpg": return send(res, "text/plain", "Not found", 404);
      case "/error.jpg": return send(res, "text/plain", "Boom", 500);
      case "/hop.jpg": res.writeHead(302, { location: "/ok.jpg" }); return res.end();
      case "/away.jpg": res.writeHead(302, { location: "https://images.elsewhere.example/ok.jpg" }); return res.end();
      case "/slow.jpg": {
        const t = setTimeout(() => { timers.delete(t); if (!res.destroyed) send(res, "image/jpeg", IMAGE_BYTES.jpeg); }, 5_000);
        timers.add(t);
        return;
      }
      case "/huge.jpg": {
        res.writeHead(200, { "content-type": "image/jpeg" }); // no length: the cap must stop the stream
        res.write(IMAGE_BYTES.jpeg.subarray(0, 20));
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        let sent = 0;
        const pump = () => {
          while (sent < 2 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        return pump();
      }
      default: return send(res, "text/plain", "Not found", 404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + path,
    hits,
    close: () => new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A loopback URL nobody listens on (a port just freed). */
export async function deadUrl(path = "/photo.jpg"): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
