/**
 * Contract tests: the real adapter and client against the real simulator over HTTP, with the
 * Postgres-backed pacer, including injected faults after which the client converges with no
 * duplicate listing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type pg from "pg";
import { createOkasieAdapter, OKASIE_WINDOWS } from "@/lib/marketplaces/okasie/adapter";
import { OkasieClient } from "@/lib/marketplaces/okasie/client";
import { budgetKeyFor, createPostgresBudget } from "@/lib/marketplaces/pacer";
import type { ConnectionContext } from "@/lib/marketplaces/types";
import { MarketplaceHttpError } from "@/lib/marketplaces/http";
import { startSim, testPool, SANDBOX_SECRET, READONLY_SECRET, PROFILE_IDS } from "./helpers";
import { car, cars } from "./listings";
import { words } from "../helpers/words";

let s: Awaited<ReturnType<typeof startSim>>;
let pool: pg.Pool;
const logs: string[] = [];
let adapter: ReturnType<typeof createOkasieAdapter>;

beforeAll(async () => {
  s = await startSim();
  pool = await testPool();
  const budget = createPostgresBudget(pool, OKASIE_WINDOWS, { keyPrefix: `okasie-contract-${Date.now()}` });
  adapter = createOkasieAdapter({
    budget,
    log: (line) => logs.push(line),
    client: { minBackoffMs: 50, maxBackoffMs: 200, timeoutMs: 1_500, retries: 4 },
  });
});
afterAll(async () => {
  await s.close();
  await pool.end();
});
beforeEach(async () => {
  await s.sim("/reset", {});
  logs.length = 0;
});

const conn = (over: Partial<ConnectionContext> = {}): ConnectionContext => ({
  baseUrl: s.baseUrl,
  token: SANDBOX_SECRET,
  identity: { marketplace: "OKASIE", dealerLocationCode: "DEX-GENT" },
  budgetKey: budgetKeyFor("okasie", over.token ?? SANDBOX_SECRET),
  ...over,
});

const ourListings = async () => (await s.sim("/state")).listings.filter((l: any) => l.partnerId === "forecourt-sandbox" && l.externalReference !== "ref-123");
const bulkCalls = async () => Object.entries((await s.sim("/state")).stats.byRoute as Record<string, number>).filter(([k]) => k.includes("bulk-upsert")).reduce((a, [, n]) => a + n, 0);

describe("check", () => {
  it("reports the reachable dealer locations and the write scope", async () => {
    const r = await adapter.check(conn());
    expect(r).toMatchObject({ ok: true, status: "ok", scopes: expect.arrayContaining(["write:listings"]) });
    expect(r.identities!.map((i) => i.code)).toEqual(["DEX-HQ", "DEX-GENT", "DEX-MERELBEKE"]);
    expect(r.identities!.find((i) => i.code === "DEX-GENT")!.parentId).toBe(PROFILE_IDS.autoGentHq);
  });

  it("reports a secret without write:listings as missing_scope", async () => {
    const r = await adapter.check(conn({ token: READONLY_SECRET }));
    expect(r).toMatchObject({ ok: false, status: "missing_scope" });
    expect(r.identities).toHaveLength(3);
  });

  it("reports a 401 as 'token invalid or rotated', after one attempt", async () => {
    const r = await adapter.check(conn({ token: "rotated-secret-xyz" }));
    expect(r).toMatchObject({ ok: false, status: "unauthorized" });
    expect(words(r.message)).toContain("token invalid or rotated");
    expect((await s.sim("/state")).stats.byStatus).toEqual({ 401: 1 });
  });

  it("flags a configured profile the secret does not reach", async () => {
    const r = await adapter.check(conn({ identity: { marketplace: "OKASIE", dealerLocationCode: "OTHER-ANTW" } }));
    expect(r).toMatchObject({ ok: false, status: "unexpected" });
  });
});

describe("push", () => {
  it("sends bulk upserts of 100 and maps every result to its reference", async () => {
    const inputs = cars(250).map((listing) => ({ listing }));
    const out = await adapter.push(inputs, conn());
    expect(out).toHaveLength(250);
    expect(out.every((o) => o.result === "live" && typeof o.remoteId === "string")).toBe(true);
    expect(out.map((o) => o.reference)).toEqual(inputs.map((i) => i.listing.reference));
    expect(await bulkCalls()).toBe(3);
    const stored = await ourListings();
    expect(stored).toHaveLength(250);
    const byRef = new Map(stored.map((l: any) => [l.externalReference, l.id]));
    expect(out.every((o) => byRef.get(o.reference) === o.remoteId)).toBe(true);
  });

  it("sends the whole listing with its status, overrides applied (full replacement)", async () => {
    await adapter.push([{ listing: car("OVR-1", { status: "reserved", color: "Blauw" }), overrides: { title: "Special title", price: 999, description: "Only on Okasie" } }], conn());
    const l = (await s.api("/listings?status=all&pageSize=200")).body.data.find((x: any) => x.externalReference === "OVR-1");
    expect(l).toMatchObject({ status: "pending", title: "Special title", price: 999, description: "Only on Okasie", color: "Blauw", brand: "Volkswagen" });
    await adapter.push([{ listing: car("OVR-1", { status: "active" }) }], conn());
    const after = (await s.api("/listings?status=all&pageSize=200")).body.data.find((x: any) => x.externalReference === "OVR-1");
    expect(after).toMatchObject({ status: "active", title: "Volkswagen Golf OVR-1", price: 18_500, description: null, color: null });
  });

  it("keeps warnings per listing and rejects per item with the marketplace's code", async () => {
    const out = await adapter.push(
      [
        { listing: car("W-1", { images: ["https://photos.example.com/a.jpg", "https://cdn.partner.invalid/b.jpg"] }) },
        { listing: car("W-2") },
        { listing: car("W-3", { price: null }) },
      ],
      conn(),
    );
    const [w1, w2, w3] = out;
    expect(w1).toMatchObject({ result: "live" });
    expect(w1.warnings).toEqual([expect.objectContaining({ field: "images.1", severity: "warning", code: "DOWNLOAD_FAILED" })]);
    expect(w2.warnings).toEqual([]);
    expect(w3).toMatchObject({ result: "rejected", code: "PREFLIGHT", retryable: false });
    expect(w3.issues).toEqual([expect.objectContaining({ field: "price", code: "INVALID_PRICE" })]);
    const forbidden = await adapter.push([{ listing: car("F-1") }, { listing: car("F-2") }], conn({ identity: { marketplace: "OKASIE", dealerLocationCode: "OTHER-ANTW" } }));
    expect(forbidden.map((o) => [o.reference, o.result, o.code])).toEqual([["F-1", "rejected", "PROFILE_FORBIDDEN"], ["F-2", "rejected", "PROFILE_FORBIDDEN"]]);
  });

  it("rejects every listing with 'token invalid or rotated' on a 401, without retrying", async () => {
    const out = await adapter.push(cars(150).map((listing) => ({ listing })), conn({ token: "rotated-secret-xyz" }));
    expect(out.every((o) => o.result === "rejected" && o.code === "UNAUTHORIZED" && o.retryable === false)).toBe(true);
    expect(words(out[0].message)).toContain("token invalid or rotated");
    expect((await s.sim("/state")).stats.requests).toBe(1);
  });
});

describe("faults: the client converges with no duplicate listing", () => {
  const pushAndCheck = async (n = 120) => {
    const inputs = cars(n, "FLT").map((listing) => ({ listing }));
    const out = await adapter.push(inputs, conn());
    expect(out.filter((o) => o.result !== "live")).toEqual([]);
    const stored = await ourListings();
    expect(stored).toHaveLength(n);
    expect(new Set(stored.map((l: any) => l.externalReference)).size).toBe(n);
    return out;
  };

  it("retries 5xx answers", async () => {
    await s.sim("/faults", { path: "/listings/bulk-upsert", status: 503, times: 2 });
    await pushAndCheck();
    expect((await s.sim("/state")).stats.byStatus["503"]).toBe(2);
  });

  it("retries when the write happened but the answer was lost (500 after processing)", async () => {
    await s.sim("/faults", { path: "/listings/bulk-upsert", status: 500, phase: "after", times: 1 });
    const out = await pushAndCheck();
    expect(out.every((o) => typeof o.remoteId === "string")).toBe(true);
  });

  it("retries a timed-out request", async () => {
    await s.sim("/faults", { path: "/listings/bulk-upsert", timeout: true, hangMs: 5_000, phase: "after", times: 1 });
    await pushAndCheck();
    expect(logs.some((l) => l.includes("No answer within"))).toBe(true);
  });

  it("retries a malformed body", async () => {
    await s.sim("/faults", { path: "/listings/bulk-upsert", malformed: true, phase: "after", times: 2 });
    await pushAndCheck();
    expect(logs.filter((l) => l.includes("unreadable answer"))).toHaveLength(2);
  });

  it("waits Retry-After on a 429, for every process sharing the secret", async () => {
    await s.sim("/faults", { path: "/listings/bulk-upsert", status: 429, retryAfter: 1, times: 1 });
    const t0 = Date.now();
    await pushAndCheck(50);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it("survives random faults on a third of the requests", async () => {
    await s.sim("/faults", { faults: [
      { path: "/listings/bulk-upsert", status: 502, probability: 0.2 },
      { path: "/listings/bulk-upsert", malformed: true, phase: "after", probability: 0.15 },
    ] });
    await pushAndCheck(400);
  });

  it("gives up on a persistent 5xx with a retryable outcome", async () => {
    await s.sim("/faults", { path: "/listings/bulk-upsert", status: 500, times: 100 });
    const out = await adapter.push([{ listing: car("DOWN-1") }], conn());
    expect(out[0]).toMatchObject({ result: "rejected", code: "SERVER_ERROR", retryable: true });
    expect((await s.sim("/state")).stats.byStatus["500"]).toBe(5);
  });
});

describe("remove, remoteState, importExisting", () => {
  it("marks sold, treats an unknown reference as done, and reads the state back in few calls", async () => {
    await adapter.push(cars(5, "RM").map((listing) => ({ listing })), conn());
    const removed = await adapter.remove(["RM-00000", "RM-00001", "NEVER-SENT"], conn());
    expect(removed.map((o) => o.result)).toEqual(["live", "live", "live"]);
    expect(removed[2].remoteId).toBeNull();
    const before = (await s.sim("/state")).stats.requests;
    const state = await adapter.remoteState({ references: ["RM-00000", "RM-00001", "RM-00002", "NEVER-SENT"] }, conn());
    expect(Object.fromEntries(state.map((a) => [a.reference, a.status]))).toEqual({ "RM-00000": "sold", "RM-00001": "sold", "RM-00002": "live" });
    expect((await s.sim("/state")).stats.requests - before).toBe(1);
  });

  it("reads changes since a cursor with status=all, so sold listings are seen", async () => {
    await adapter.push(cars(3, "SN").map((listing) => ({ listing })), conn());
    await s.sim("/clock", { advanceMs: 10 * 60_000 });
    const cursor = (await s.sim("/clock")).now;
    await adapter.remove(["SN-00001"], conn());
    const changed = await adapter.remoteState({ since: cursor }, conn());
    expect(changed.map((a) => [a.reference, a.status])).toEqual([["SN-00001", "sold"]]);
    const all = await adapter.remoteState({ since: null }, conn());
    expect(all.map((a) => a.reference).sort()).toEqual(["SN-00000", "SN-00001", "SN-00002", "ref-123"]);
  });

  it("reads what exists on Okasie for the connection's location only, and maps it back for import", async () => {
    const found = await adapter.remoteState({ since: null }, conn());
    expect(found.map((a) => [a.reference, a.status, a.remoteId])).toEqual([["ref-123", "live", "46c7f6c9-70f7-4f98-8c32-12f1a67c6f2e"]]);
    expect(adapter.importExisting!.toListing(found[0])).toMatchObject({ reference: "ref-123", status: "active", currency: "EUR" });
    const merelbeke = await adapter.remoteState({ since: null }, conn({ identity: { marketplace: "OKASIE", dealerProfileId: PROFILE_IDS.autoGentMerelbeke } }));
    expect(merelbeke.map((a) => [a.reference, a.status])).toEqual([[null, "sold"]]);
  });
});

describe("client guarantees", () => {
  it("never retries a validation error, and sends a fresh X-Request-Id on every attempt", async () => {
    const ids: string[] = [];
    const client = new OkasieClient({
      baseUrl: s.baseUrl, token: SANDBOX_SECRET, minBackoffMs: 10, maxBackoffMs: 20,
      fetchImpl: (url, init) => {
        ids.push(new Headers(init?.headers).get("x-request-id")!);
        return fetch(url, init);
      },
    });
    await s.sim("/faults", { path: "/locations", status: 500, times: 2 });
    await client.locations();
    const err = await client.upsert("BAD", { status: "active", title: "x", price: null } as any).catch((e) => e);
    expect(err).toBeInstanceOf(MarketplaceHttpError);
    expect(err.status).toBe(400);
    expect(err.message).toContain("INVALID_PRICE");
    expect(err.attempts).toBe(1);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  it("no secret ever reaches a log line, an error message, an outcome or the budget table", async () => {
    const secret = "sk_partner_9f8e7d6c5b4a3210";
    const wrong = "sk_partner_0000deadbeef1111";
    await s.sim("/seed", { keys: [{ secret, partnerId: "forecourt-sandbox", scopes: ["read:listings", "read:locations", "write:listings"], access: { scope: "restricted", rootProfileIds: [PROFILE_IDS.autoGentHq] } }] });
    await s.sim("/faults", { faults: [
      { path: "/listings/bulk-upsert", status: 500, times: 1 },
      { path: "/listings/bulk-upsert", malformed: true, times: 1 },
      { path: "/listings/bulk-upsert", timeout: true, hangMs: 3_000, times: 1 },
      { path: "/locations", status: 429, retryAfter: 1, times: 1 },
    ] });
    const seen: string[] = [];
    seen.push(JSON.stringify(await adapter.check(conn({ token: secret }))));
    seen.push(JSON.stringify(await adapter.push([{ listing: car("SEC-1") }, { listing: car("SEC-2", { price: null }) }], conn({ token: secret }))));
    seen.push(JSON.stringify(await adapter.push([{ listing: car("SEC-3") }], conn({ token: wrong }))));
    seen.push(JSON.stringify(await adapter.remove(["SEC-1", "NOPE"], conn({ token: wrong }))));
    seen.push(JSON.stringify(await adapter.check(conn({ token: wrong }))));
    const client = new OkasieClient({ baseUrl: s.baseUrl, token: wrong, log: (l) => logs.push(l) });
    const err = await client.listPage({ page: 1 }).catch((e: Error) => e);
    seen.push(String(err), (err as Error).stack ?? "", JSON.stringify(err));
    const keys = (await pool.query("select key from rate_budget")).rows.map((r) => r.key);
    seen.push(...logs, ...keys, conn({ token: secret }).budgetKey);
    expect(logs.length).toBeGreaterThan(3);
    for (const line of seen) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(wrong);
    }
  });
});
