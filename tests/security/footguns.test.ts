/**
 * Production footguns (issue #11, item 10): the scripts refuse what would hurt a real deployment
 * unless asked explicitly, and a vault rotation never loses a token rotated at the same moment.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, test } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseKeys, open, seal, lastFour } from "@/lib/vault";
import { rotateVault } from "@/lib/vault/rotate";

const run = promisify(execFile);
const TSX = "node_modules/.bin/tsx";
const databaseUrl = inject("databaseUrl");

/** Runs a script with exactly this environment on top of PATH/HOME; resolves even on failure. */
async function script(args: string[], env: Record<string, string | undefined>) {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, FORECOURT_DATA_DIR: "/nonexistent/forecourt-must-not-start" };
  try {
    const { stdout, stderr } = await run(TSX, args, { env: { ...base, ...env } as unknown as NodeJS.ProcessEnv, timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: (err.stdout ?? "") + (err.stderr ?? "") };
  }
}

const k1 = "k1:" + Buffer.alloc(32, 7).toString("base64");
/**
 * Rotation runs over the whole (shared) test database, so, like tests/connections/vault.test.ts,
 * these tests seal their rows with an old key of their own and rotate onto the run's own key
 * (env().VAULT_KEYS), which every other test file reads with. Their rows live in a dealer of their own.
 */
const OLD = `footguns-old:${Buffer.alloc(32, 5).toString("base64")}`;
let scratchDealer: string | undefined;
async function scratch() {
  scratchDealer ??= (await db.dealer.create({ data: { slug: `footguns-${Date.now().toString(36)}`, name: "Footguns", country: "SE" } })).id;
  return scratchDealer;
}

afterAll(async () => {
  if (scratchDealer) await db.dealer.delete({ where: { id: scratchDealer } });
  await db.$disconnect();
});

describe("db:seed refuses a database that looks real", () => {
  test("with NODE_ENV=production nothing is touched", { timeout: 150_000 }, async () => {
    const users = await db.user.count();
    const { code, out } = await script(["scripts/db.ts", "seed"], { DATABASE_URL: databaseUrl, NODE_ENV: "production" });
    expect(code).toBe(2);
    expect(out).toMatch(/Not loading the demo data: NODE_ENV is production\..*Nothing was changed/s);
    expect(await db.user.count()).toBe(users);
  });

  test("a DATABASE_URL on another machine is refused before connecting", async () => {
    const { code, out } = await script(["scripts/db.ts", "seed"], { DATABASE_URL: "postgresql://app:secret@db.prod.example.invalid:5432/forecourt" });
    expect(code).toBe(2);
    expect(out).toContain("DATABASE_URL points at db.prod.example.invalid:5432, not at this machine");
    expect(out).not.toContain("secret");
  });

  test("a database with users of its own is refused", { timeout: 150_000 }, async () => {
    await db.user.upsert({ where: { email: "real-person@dealer.example" }, update: {}, create: { email: "real-person@dealer.example", name: "Real", passwordHash: "x" } });
    const users = await db.user.count();
    const { code, out } = await script(["scripts/db.ts", "seed"], { DATABASE_URL: databaseUrl });
    expect(code).toBe(2);
    expect(out).toMatch(/already holds \d+ user\(s\) of its own/);
    expect(await db.user.count()).toBe(users);
  });
});

describe("npm run dev", () => {
  test("listening beyond this machine while demo accounts keep the demo password is refused", { timeout: 150_000 }, async () => {
    const { code, out } = await script(["scripts/dev.ts"], { DATABASE_URL: databaseUrl, FORECOURT_DEV_HOST: "0.0.0.0", PORT: "1" });
    expect(code).toBe(2);
    expect(out).toContain("FORECOURT_DEV_HOST=0.0.0.0 would let anyone on your network sign in with the demo accounts");
    expect(out).not.toContain("Forecourt: http://");
  });
});

describe("vault:rotate", () => {
  test.each([
    ["DATABASE_URL and VAULT_KEYS", {}],
    ["VAULT_KEYS", { DATABASE_URL: "postgresql://x:y@127.0.0.1:1/none" }],
    ["DATABASE_URL", { VAULT_KEYS: k1 }],
  ])("without %s it refuses instead of rotating a development database", async (missing, env) => {
    const { code, out } = await script(["scripts/vault-rotate.ts"], env);
    expect(code).toBe(2);
    expect(out).toContain(`vault:rotate needs ${missing}`);
    expect(out).not.toMatch(/Re-encrypted|can be removed/);
  });

  test("a token rotated by an admin during the rotation is kept, not overwritten with the old one", async () => {
    const dealerId = await scratch();
    const id = `rotation-race-${Date.now().toString(36)}`;
    const oldKeys = parseKeys(OLD);
    const current = parseKeys(env().VAULT_KEYS);
    const newKeys = [...oldKeys, ...current];
    const before = seal("blocket-old-token", id, oldKeys);
    await db.connection.create({ data: { id, dealerId, name: "Race", marketplace: "BLOCKET", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/x", tokenCiphertext: before.ciphertext, tokenKeyId: before.keyId, tokenLast4: "oken" } });

    // An admin's token rotation is mid-transaction: the row is being rewritten, not yet committed.
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let locked!: () => void;
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));
    const adminRotation = db.$transaction(async (tx) => {
      const fresh = seal("blocket-new-token", id, oldKeys); // a process that does not have the new key yet
      await tx.connection.update({ where: { id }, data: { tokenCiphertext: fresh.ciphertext, tokenKeyId: fresh.keyId, tokenLast4: lastFour("blocket-new-token") } });
      locked();
      await gate;
    });
    await rowLocked;
    const rotation = rotateVault(newKeys);
    await new Promise((r) => setTimeout(r, 500));
    commit();
    await adminRotation;
    const result = await rotation;

    const row = await db.connection.findUniqueOrThrow({ where: { id } });
    expect(open({ ciphertext: row.tokenCiphertext, keyId: row.tokenKeyId }, id, newKeys)).toBe("blocket-new-token");
    expect(row.tokenKeyId).toBe(current.at(-1)!.id);
    expect(result.rotated).toBeGreaterThanOrEqual(1);
  });

  test("archived connections hold no token and are skipped; a token under an unknown key is reported, not a reason to stop", async () => {
    const dealerId = await scratch();
    const stamp = Date.now().toString(36);
    await db.connection.create({ data: { id: `rotation-archived-${stamp}`, dealerId, name: "Gone", marketplace: "BLOCKET", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/x", tokenCiphertext: "", tokenKeyId: "", tokenLast4: "", archivedAt: new Date(), enabled: false } });
    const lost = seal("token-under-a-lost-key", `rotation-lost-${stamp}`, parseKeys(`lost-key:${Buffer.alloc(32, 1).toString("base64")}`));
    await db.connection.create({ data: { id: `rotation-lost-${stamp}`, dealerId, name: "Lost key", marketplace: "BLOCKET", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/x", tokenCiphertext: lost.ciphertext, tokenKeyId: lost.keyId, tokenLast4: "" } });
    const result = await rotateVault(parseKeys(env().VAULT_KEYS));
    expect(result.unreadable).toBeGreaterThanOrEqual(1);
    expect(await db.connection.findUniqueOrThrow({ where: { id: `rotation-archived-${stamp}` } })).toMatchObject({ tokenCiphertext: "", tokenKeyId: "" });
    expect(await db.connection.findUniqueOrThrow({ where: { id: `rotation-lost-${stamp}` } })).toMatchObject({ tokenCiphertext: lost.ciphertext, tokenKeyId: "lost-key" });
    await db.connection.delete({ where: { id: `rotation-lost-${stamp}` } });
  });
});
