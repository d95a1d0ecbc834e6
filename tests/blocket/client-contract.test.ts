/**
 * The real Blocket adapter against the real simulator over HTTP, on an ephemeral loopback port.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listingSchema, type ListingInput } from "@/lib/listings/schema";
import { createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import type { ConnectionContext, RemoteAd } from "@/lib/marketplaces/types";
import { startBlocketSandbox } from "@/sandbox/blocket/index";
import { words } from "../helpers/words";

const SECRET = "tok-Very-Secret-7f3a9c1e2b";

let server: Awaited<ReturnType<typeof startBlocketSandbox>>;
const attempts: { method: string; path: string; status: number | null }[] = [];
const logLines: string[] = [];

const adapter = createBlocketAdapter({
  requestsPerSecond: 1000,
  concurrency: 8,
  timeoutMs: 800,
  retries: 4,
  minBackoffMs: 20,
  maxBackoffMs: 200,
  onAttempt: (a) => attempts.push({ method: a.method, path: a.path, status: a.status }),
  log: (line) => logLines.push(line),
});

function connection(token = SECRET, dealerCode = "FC-STHLM", scope: "dealer_code" | "dealer_group" = "dealer_group"): ConnectionContext {
  return { baseUrl: server.baseUrl, token, identity: { marketplace: "BLOCKET", dealerCode, tokenScope: scope }, budgetKey: `blocket-test-${token.slice(-4)}` };
}

let counter = 0;
function listing(overrides: Partial<ListingInput> = {}) {
  counter += 1;
  return listingSchema.parse({
    reference: `ref-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    status: "active",
    title: "Volvo XC60 T5 Momentum",
    description: "Well kept.",
    price: 249900,
    currency: "SEK",
    make: "Volvo",
    model: "XC60",
    variant: "T5",
    year: 2021,
    mileage: 42000,
    fuelType: "petrol",
    transmission: "automatic",
    bodyType: "suv",
    color: "Black",
    firstRegistration: "2021-03",
    postalCode: "11122",
    images: ["https://cdn.example.com/a/1.jpg", "https://cdn.example.com/a/2.jpg"],
    features: [{ name: "Towbar" }, { name: "Heated seats" }],
    blocketCategory: "car",
    registrationNumber: `AB${String(counter).padStart(4, "0")}`.slice(0, 6),
    ...overrides,
  });
}

const sim = async (method: string, path: string, body?: unknown) =>
  (await fetch(server.origin + "/__sim" + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) })).json();

async function until(refs: string[], done: (ad: RemoteAd) => boolean, timeoutMs = 5000): Promise<Map<string, RemoteAd>> {
  const started = Date.now();
  for (;;) {
    const state = await adapter.remoteState({ references: refs }, connection());
    const byRef = new Map(state.map((a) => [a.reference!, a]));
    if (refs.every((r) => byRef.has(r) && done(byRef.get(r)!))) return byRef;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out; last: ${JSON.stringify(state.map((a) => [a.reference, a.status, a.error]))}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

beforeAll(async () => {
  server = await startBlocketSandbox({ port: 0, processingDelayMs: 30 });
});
afterAll(async () => {
  await server.close();
  // The token may never reach a log line, an outcome or an error message.
  expect(logLines.length).toBeGreaterThan(0);
  expect(logLines.join("\n")).not.toContain(SECRET);
});
beforeEach(async () => {
  await sim("POST", "/reset");
  await sim("POST", "/seed", { tokens: { [SECRET]: { scope: "dealer_group", dealerCodes: ["FC-STHLM", "FC-UPPSALA"] } } });
  await sim("PUT", "/config", { processingDelayMs: 30 });
  attempts.length = 0;
});

describe("check", () => {
  it("accepts a valid token with one limit=1 list call", async () => {
    const result = await adapter.check(connection());
    expect(result).toMatchObject({ ok: true, status: "ok", scopes: ["dealer_group"] });
    expect(attempts).toEqual([{ method: "GET", path: "/v4/ad", status: 200 }]);
  });

  it("reports an invalid or rotated token without echoing it", async () => {
    const result = await adapter.check(connection("tok-Rotated-Away-123456"));
    expect(result.status).toBe("unauthorized");
    expect(words(result.message)).toMatch(/invalid or has been rotated/);
    expect(JSON.stringify(result)).not.toContain("tok-Rotated-Away-123456");
  });

  it("reports an unreachable server", async () => {
    const result = await adapter.check({ ...connection(), baseUrl: "http://127.0.0.1:1/pro-import-api" });
    expect(result.status).toBe("unreachable");
  });
});

describe("push and polling", () => {
  it("answers accepted (never live) and the ad becomes live with Blocket ids", async () => {
    const l = listing();
    const [outcome] = await adapter.push([{ listing: l }], connection());
    expect(outcome).toMatchObject({ reference: l.reference, result: "accepted" });
    expect(outcome.remoteId).toMatch(/[0-9a-f-]{36}/);
    const posts = attempts.filter((a) => a.method === "POST").map((a) => a.path);
    expect(posts).toEqual(["/v4/car/validate", "/v4/car"]);
    const state = await until([l.reference], (a) => a.status === "live");
    expect(state.get(l.reference)!.remoteIds).toMatchObject({ blocket_ad_id: expect.any(String), offer_id: expect.any(String), blocket_store_id: "50101" });
  });

  it("shows processing while actions are pending", async () => {
    await sim("PUT", "/config", { processingDelayMs: 2000 });
    const l = listing();
    await adapter.push([{ listing: l }], connection());
    const [ad] = await adapter.remoteState({ references: [l.reference] }, connection());
    expect(ad.status).toBe("processing");
  });

  it("updates an existing ad with PUT instead of creating another", async () => {
    const l = listing();
    await adapter.push([{ listing: l }], connection());
    attempts.length = 0;
    const [again] = await adapter.push([{ listing: { ...l, price: 199000 } }], connection());
    expect(again.result).toBe("accepted");
    expect(attempts.filter((a) => a.method !== "GET").map((a) => `${a.method} ${a.path}`)).toEqual([`PUT /v4/car/${l.reference}`]);
    const state = await sim("GET", "/state");
    expect(state.ads.filter((a: any) => a.source_id === l.reference)).toHaveLength(1);
  });

  it("never creates a second ad when a POST's answer is lost", async () => {
    await sim("POST", "/faults", { kind: "status", status: 502, phase: "after", method: "POST", path: "/^\\/v4\\/car$/", count: 1 });
    const l = listing();
    const [outcome] = await adapter.push([{ listing: l }], connection());
    expect(outcome.result).toBe("accepted");
    expect(outcome.remoteId).toBeTruthy();
    const state = await sim("GET", "/state");
    expect(state.ads.filter((a: any) => a.source_id === l.reference)).toHaveLength(1);
    expect(attempts.filter((a) => a.method === "POST" && a.path === "/v4/car")).toHaveLength(1);
  });

  it("re-POSTs after a failure that stored nothing, once a look-up shows the ad absent", async () => {
    await sim("POST", "/faults", { kind: "status", status: 503, method: "POST", path: "/^\\/v4\\/car$/", count: 1 });
    const l = listing();
    const [outcome] = await adapter.push([{ listing: l }], connection());
    expect(outcome.result).toBe("accepted");
    const seq = attempts.filter((a) => a.path.endsWith(l.reference) || a.path === "/v4/car").map((a) => `${a.method} ${a.path} ${a.status}`);
    expect(seq).toEqual(["POST /v4/car 503", `GET /v4/ad/${l.reference} 404`, "POST /v4/car 201"]);
  });

  it("retries 5xx, 429 with Retry-After, malformed bodies and timeouts on reads", async () => {
    const l = listing();
    await adapter.push([{ listing: l }], connection());
    await sim("POST", "/faults", { kind: "status", status: 500, method: "GET", path: "/^\\/v4\\/ad$/", count: 1 });
    await sim("POST", "/faults", { kind: "rate_limit", retryAfterSec: 1, method: "GET", path: "/^\\/v4\\/ad$/", count: 1 });
    await sim("POST", "/faults", { kind: "malformed", method: "GET", path: "/^\\/v4\\/ad$/", count: 1 });
    await sim("POST", "/faults", { kind: "timeout", delayMs: 3000, method: "GET", path: "/^\\/v4\\/ad$/", count: 1 });
    attempts.length = 0;
    const started = Date.now();
    const ads = await adapter.remoteState({ references: [l.reference] }, connection());
    expect(ads.map((a) => a.reference)).toEqual([l.reference]);
    expect(attempts.filter((a) => a.path === "/v4/ad").map((a) => a.status)).toEqual([500, 429, 200, null, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("rejects server-side validation errors per ad, mapped to canonical fields, without storing", async () => {
    const good = listing();
    const bad = listing({ blocketModel: "xc61" });
    const [ok, rejected] = await adapter.push([{ listing: good }, { listing: bad }], connection());
    expect(ok.result).toBe("accepted");
    expect(rejected).toMatchObject({ result: "rejected", code: "validation", retryable: false });
    expect(rejected.issues).toContainEqual(expect.objectContaining({ field: "blocketModel" }));
    expect(rejected.message).toContain('"xc61" is not a valid choice.');
    const state = await sim("GET", "/state");
    expect(state.ads.map((a: any) => a.source_id)).toEqual([good.reference]);
  });

  it("rejects preflight errors with no network call", async () => {
    const [outcome] = await adapter.push([{ listing: listing({ registrationNumber: null, vin: null }) }], connection());
    expect(outcome).toMatchObject({ result: "rejected", code: "preflight" });
    expect(outcome.issues).toContainEqual(expect.objectContaining({ field: "registrationNumber" }));
    expect(attempts.filter((a) => a.method !== "GET")).toEqual([]);
  });

  it("surfaces an unfetchable image and a publish error as per-ad errors with Blocket's message", async () => {
    const imgs = listing({ images: ["https://cdn.example.com/ok.jpg", "https://cdn.example.com/fail/broken.jpg"] });
    const pub = listing();
    await sim("POST", "/faults", { type: "action", action: "publish", sourceId: pub.reference, message: "Bytbil rejected the ad: plate unknown", count: 1 });
    await adapter.push([{ listing: imgs }, { listing: pub }], connection());
    const state = await until([imgs.reference, pub.reference], (a) => a.status !== "processing");
    const img = state.get(imgs.reference)!;
    expect(img.status).toBe("live");
    expect(img.error).toMatchObject({ action: "handle_media", message: expect.stringContaining("https://cdn.example.com/fail/broken.jpg (download failed)") });
    const failed = state.get(pub.reference)!;
    expect(failed.status).toBe("error");
    expect(failed.error).toMatchObject({ action: "publish", message: "Bytbil rejected the ad: plate unknown" });

    const [retry] = await adapter.retry([pub.reference], connection());
    expect(retry.result).toBe("accepted");
    const after = await until([pub.reference], (a) => a.status === "live");
    expect(after.get(pub.reference)!.error).toBeNull();
  });

  it("polls thousands of references in ⌈N/100⌉ list calls", async () => {
    const listings = Array.from({ length: 250 }, () => listing({ images: [] }));
    await adapter.push(listings.map((l) => ({ listing: l })), connection());
    attempts.length = 0;
    const refs = listings.map((l) => l.reference);
    const state = await adapter.remoteState({ references: refs }, connection());
    expect(state).toHaveLength(250);
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.method === "GET" && a.path === "/v4/ad")).toBe(true);
  });

  it("lists changes since a time", async () => {
    const a = listing();
    await adapter.push([{ listing: a }], connection());
    await until([a.reference], (x) => x.status === "live");
    const since = new Date(Date.now() + 2000).toISOString();
    expect(await adapter.remoteState({ since }, connection())).toEqual([]);
    const all = await adapter.remoteState({ since: null }, connection());
    expect(all.map((x) => x.reference)).toContain(a.reference);
  });
});

describe("remove, logs, bump and pole position", () => {
  it("deletes, reports removed, and treats a second delete as done", async () => {
    const l = listing();
    await adapter.push([{ listing: l }], connection());
    await until([l.reference], (a) => a.status === "live");
    const [removed] = await adapter.remove([l.reference], connection());
    expect(removed.result).toBe("accepted");
    await until([l.reference], (a) => a.status === "removed");
    const [again] = await adapter.remove([l.reference], connection());
    expect(again.result).toBe("accepted");
    const [burned] = await adapter.push([{ listing: l }], connection());
    expect(burned).toMatchObject({ result: "rejected", code: "source_id_burned" });
  });

  it("mirrors the complete log by paging /log, and only what is new since a time", async () => {
    const l = listing({ images: [] });
    await adapter.push([{ listing: l }], connection());
    await until([l.reference], (a) => a.status === "live");
    for (let i = 0; i < 26; i++) {
      await adapter.push([{ listing: { ...l, price: 100000 + i } }], connection());
      await until([l.reference], (a) => a.status === "live");
    }
    const all = await adapter.logs!(l.reference, null, connection());
    // create: create + publish; each PUT: update + handle_media (image_urls is always sent) + publish.
    expect(all.length).toBe(4 + 26 * 6);
    expect(all[0]).toMatchObject({ action: "create", state: "processing", reference: l.reference });
    expect(all.at(-1)).toMatchObject({ action: "publish", state: "done" });
    expect(new Set(all.map((e) => e.remoteLogId)).size).toBe(all.length);
    const cut = all[all.length - 8].at;
    const recent = await adapter.logs!(l.reference, cut, connection());
    expect(recent.length).toBeGreaterThanOrEqual(8);
    expect(recent.length).toBeLessThan(20);
    expect(recent.at(-1)).toEqual(all.at(-1));
  });

  it("bumps and buys pole position, and reports Blocket's refusal per ad", async () => {
    const l = listing();
    await adapter.push([{ listing: l }], connection());
    await until([l.reference], (a) => a.status === "live");
    expect((await adapter.polePosition!([l.reference], connection()))[0].result).toBe("accepted");
    const [refused] = await adapter.bump!([l.reference], connection());
    expect(refused).toMatchObject({ result: "rejected", code: "validation", message: "Ad has an active pole position and cannot be bumped" });
  });
});

describe("secrets", () => {
  it("keeps the token out of outcomes, errors and log lines when everything fails", async () => {
    await sim("POST", "/faults", { kind: "status", status: 503 });
    const outcomes = await adapter.push([{ listing: listing() }], connection());
    expect(outcomes[0]).toMatchObject({ result: "rejected", retryable: true });
    await expect(adapter.remoteState({ references: ["x"] }, connection())).rejects.toSatisfy((err: Error) => !String(err.message).includes(SECRET) && !String(err.stack).includes(SECRET));
    expect(JSON.stringify(outcomes)).not.toContain(SECRET);
    expect(logLines.join("\n")).not.toContain(SECRET);
  });
});
