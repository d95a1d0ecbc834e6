import { SANDBOX_PORTS } from "./sandbox-env";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { startOkasieSandbox } from "@/sandbox/okasie/index";
import { startBlocketSandbox } from "@/sandbox/blocket/index";
import { createConnectionAction, deleteConnectionAction, probeConnectionAction, rotateTokenAction, setConnectionEnabledAction, testConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { db } from "@/lib/db";
import { translatorFor, type ServerTranslator } from "@/lib/i18n/translator";
import { words } from "../helpers/words";

let okasie: Awaited<ReturnType<typeof startOkasieSandbox>>;
let blocket: Awaited<ReturnType<typeof startBlocketSandbox>>;
const logs: string[] = [];
const SECRETS = ["okasie-sandbox-token", "okasie-readonly-token", "blocket-sandbox-token", "blocket-sandbox-dealer-token"];

beforeAll(async () => {
  okasie = await startOkasieSandbox({ port: SANDBOX_PORTS.okasie });
  blocket = await startBlocketSandbox({ port: SANDBOX_PORTS.blocket });
  // Everything the code under test logs, to prove no token is ever written.
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { logs.push(args.map(String).join(" ")); });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await okasie.close();
  await blocket.close();
});

let english: ServerTranslator;
beforeAll(async () => { english = await translatorFor("en"); });
/** A field's message as an English-reading admin sees it (field messages travel as catalog keys). */
const fieldError = (errors: unknown, field: string) => english.text((errors as Record<string, { _errors?: string[] }> | undefined)?.[field]?._errors?.[0]);
const okasieInput = (over: Record<string, unknown> = {}) => ({
  dealer: "auto-gent", name: `Okasie ${Math.random().toString(36).slice(2, 7)}`, marketplace: "OKASIE", environment: "SANDBOX" as const,
  token: "okasie-sandbox-token", dealerProfileId: "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f", dealerLocationCode: "DEX-GENT", ...over,
});
const countFor = (slug: string) => db.connection.count({ where: { dealer: { slug } } });

/** Every row of every table, as text: what a database dump would hold. */
async function databaseDump(): Promise<string> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`select tablename::text as tablename from pg_tables where schemaname = 'public'`;
  let dump = "";
  for (const { tablename } of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(`select row_to_json(t)::text as row from "${tablename}" t`);
    dump += rows.map((r) => r.row).join("\n");
  }
  return dump;
}

describe("adding a connection", () => {
  test("a working token: the probe lists the Okasie locations, the save stores it sealed and audited", async () => {
    await signInAs("owner@autogent.test");
    const probe = await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: "okasie-sandbox-token" });
    expect(probe.data?.ok).toBe(true);
    expect(probe.data?.identities.map((i) => i.code)).toEqual(expect.arrayContaining(["DEX-GENT", "DEX-MERELBEKE"]));
    const created = await createConnectionAction(okasieInput({ name: "Okasie Gent (test)" }));
    expect(created.data?.id).toBeTruthy();
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.data!.id } });
    expect(row.tokenLast4).toBe("oken");
    expect(row.tokenCiphertext).not.toContain("okasie-sandbox-token");
    expect(row.lastCheckStatus).toBe("ok");
    expect(row.baseUrl).toBe(okasie.baseUrl); // the configured simulator, chosen by the server
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: row.id, action: "connection.added" } });
    expect(JSON.stringify(audit.data)).not.toContain("okasie-sandbox-token");
  });

  test("Blocket: dealer code and scope are required, then the token is checked and saved", async () => {
    await signInAs("admin@forecourt.test");
    const missing = await createConnectionAction({ dealer: "bilhuset", name: "Blocket test", marketplace: "BLOCKET", environment: "SANDBOX", token: "blocket-sandbox-dealer-token" });
    expect(fieldError(missing.validationErrors, "dealerCode")).toMatch(/dealer code/);
    expect(fieldError(missing.validationErrors, "tokenScope")).toBeTruthy();
    const ok = await createConnectionAction({ dealer: "bilhuset", name: "Blocket test", marketplace: "BLOCKET", environment: "SANDBOX", token: "blocket-sandbox-dealer-token", dealerCode: "FC-STHLM", tokenScope: "dealer_code" });
    expect(ok.data?.id).toBeTruthy();
  });

  test.each([
    ["an empty token", { token: "" }, "token", /Paste the API token/],
    ["a malformed token", { token: "has spaces in it" }, "token", /no spaces/],
    ["a marketplace that is not registered", { marketplace: "EBAY" }, "marketplace", /Choose a marketplace/],
    ["a dealer profile that is not a UUID", { dealerProfileId: "profile-1" }, "dealerProfileId", /dealer profile/],
    ["a token the marketplace rejects", { token: "sk_partner_not_a_real_secret" }, "token", /invalid or rotated/],
    ["a token without write access", { token: "okasie-readonly-token" }, "token", /write:listings/],
    ["no dealer profile", { dealerProfileId: "", dealerLocationCode: "" }, "dealerProfileId", /Choose the Okasie dealer profile/],
  ])("%s: a clear message on the field, nothing stored", async (_label, over, field, message) => {
    await signInAs("owner@autogent.test");
    const before = await countFor("auto-gent");
    const result = await createConnectionAction(okasieInput(over));
    expect(fieldError(result.validationErrors, field)).toMatch(message);
    expect(await countFor("auto-gent")).toBe(before);
  });

  test("an unreachable marketplace: a message on the environment, quickly, nothing stored", async () => {
    await signInAs("owner@autogent.test");
    const before = await countFor("auto-gent");
    await okasie.close();
    try {
      const started = Date.now();
      const result = await createConnectionAction(okasieInput());
      expect(fieldError(result.validationErrors, "environment")).toMatch(/could not be reached/i);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(await countFor("auto-gent")).toBe(before);
    } finally {
      okasie = await startOkasieSandbox({ port: SANDBOX_PORTS.okasie });
    }
  });

  test("a base URL sent with the form is ignored: the server chooses it", async () => {
    await signInAs("owner@autogent.test");
    const elsewhere = await startOkasieSandbox({ port: 0 });
    try {
      const input = { ...okasieInput({ name: "Chosen URL" }), baseUrl: elsewhere.baseUrl } as Parameters<typeof createConnectionAction>[0];
      const created = await createConnectionAction(input);
      expect(created.data?.id).toBeTruthy();
      expect((await db.connection.findUniqueOrThrow({ where: { id: created.data!.id } })).baseUrl).toBe(okasie.baseUrl);
      expect(elsewhere.state.stats.requests).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("managing a connection", () => {
  test("test, rotate, disable, enable and delete — each audited with who, never the token", async () => {
    const owner = await signInAs("owner@autogent.test");
    const { data } = await createConnectionAction(okasieInput({ name: "Lifecycle" }));
    const ref = { dealer: "auto-gent", connectionId: data!.id };
    expect((await testConnectionAction(ref)).data).toMatchObject({ ok: true, status: "ok" });
    const badRotate = await rotateTokenAction({ ...ref, token: "sk_partner_wrong_secret" });
    expect(fieldError(badRotate.validationErrors, "token")).toMatch(/invalid or rotated/);
    expect((await rotateTokenAction({ ...ref, token: "okasie-sandbox-token" })).data).toEqual({ ok: true });
    expect((await setConnectionEnabledAction({ ...ref, enabled: false })).data).toEqual({ ok: true });
    expect((await db.connection.findUniqueOrThrow({ where: { id: data!.id } })).enabled).toBe(false);
    expect((await setConnectionEnabledAction({ ...ref, enabled: true })).data).toEqual({ ok: true });
    expect((await deleteConnectionAction(ref)).data).toEqual({ ok: true });
    // Archived, not removed (its history stays): switched off, token destroyed, no longer listed.
    expect(await db.connection.findUniqueOrThrow({ where: { id: data!.id } })).toMatchObject({ enabled: false, tokenCiphertext: "", archivedAt: expect.any(Date) });
    const events = await db.auditEvent.findMany({ where: { targetId: data!.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["connection.added", "connection.tested", "connection.token_rotated", "connection.disabled", "connection.enabled", "connection.deleted"]);
    expect(events.every((e) => e.actorId === owner!.id)).toBe(true);
  });

  test("a token rotated at the marketplace shows as rejected on the next test", async () => {
    await signInAs("owner@autogent.test");
    const { data } = await createConnectionAction(okasieInput({ name: "Soon rotated" }));
    // Support rotates the secret: the old one stops working at once.
    // (An empty simulator knows no secret at all.)
    await fetch(`${okasie.origin}/__sim/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seed: false }) });
    try {
      const result = await testConnectionAction({ dealer: "auto-gent", connectionId: data!.id });
      expect(result.data).toMatchObject({ ok: false, status: "unauthorized" });
      expect(words(result.data?.message)).toMatch(/invalid or rotated/);
      expect((await db.connection.findUniqueOrThrow({ where: { id: data!.id } })).lastCheckStatus).toBe("unauthorized");
    } finally {
      await fetch(`${okasie.origin}/__sim/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seed: true }) });
    }
  });
});

describe("tenancy and roles", () => {
  test("Auto Gent's ADMIN cannot see, test or change Bilhuset's connections", async () => {
    await signInAs("owner@autogent.test");
    const bilhusetConn = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "bilhuset" } } });
    const before = JSON.stringify(bilhusetConn);
    for (const dealer of ["bilhuset", "auto-gent"]) {
      const ref = { dealer, connectionId: bilhusetConn.id };
      expect((await testConnectionAction(ref)).serverError).toBe("Not found.");
      expect((await rotateTokenAction({ ...ref, token: "blocket-sandbox-token" })).serverError).toBe("Not found.");
      expect((await setConnectionEnabledAction({ ...ref, enabled: false })).serverError).toBe("Not found.");
      expect((await deleteConnectionAction(ref)).serverError).toBe("Not found.");
    }
    expect((await createConnectionAction({ ...okasieInput(), dealer: "bilhuset" })).serverError).toBe("Not found.");
    expect(JSON.stringify(await db.connection.findUniqueOrThrow({ where: { id: bilhusetConn.id } }))).toBe(before);
  });

  test.each(["staff@autogent.test", "viewer@autogent.test"])("%s cannot add, test or change any connection", async (email) => {
    await signInAs(email);
    const own = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" } } });
    const before = await countFor("auto-gent");
    const ref = { dealer: "auto-gent", connectionId: own.id };
    expect((await createConnectionAction(okasieInput())).serverError).toBe("Not found.");
    expect((await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: "okasie-sandbox-token" })).serverError).toBe("Not found.");
    expect((await testConnectionAction(ref)).serverError).toBe("Not found.");
    expect((await rotateTokenAction({ ...ref, token: "okasie-sandbox-token" })).serverError).toBe("Not found.");
    expect((await setConnectionEnabledAction({ ...ref, enabled: false })).serverError).toBe("Not found.");
    expect((await deleteConnectionAction(ref)).serverError).toBe("Not found.");
    expect(await countFor("auto-gent")).toBe(before);
  });
});

describe("token exposure", () => {
  test("after adding, testing and rotating, no plaintext token is in any result, log line or the database", async () => {
    await signInAs("owner@autogent.test");
    const results: unknown[] = [];
    results.push(await probeConnectionAction({ dealer: "auto-gent", marketplace: "OKASIE", environment: "SANDBOX", token: "okasie-sandbox-token" }));
    const created = await createConnectionAction(okasieInput({ name: "Exposure" }));
    results.push(created);
    results.push(await testConnectionAction({ dealer: "auto-gent", connectionId: created.data!.id }));
    results.push(await rotateTokenAction({ dealer: "auto-gent", connectionId: created.data!.id, token: "okasie-sandbox-token" }));
    results.push(await rotateTokenAction({ dealer: "auto-gent", connectionId: created.data!.id, token: "okasie-readonly-token" }));
    results.push(await createConnectionAction(okasieInput({ token: "sk_partner_never_valid_123" })));
    const haystacks = [JSON.stringify(results), logs.join("\n"), await databaseDump()];
    for (const secret of [...SECRETS, "sk_partner_never_valid_123"]) for (const h of haystacks) expect(h).not.toContain(secret);
  });
});
