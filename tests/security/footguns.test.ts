/**
 * Production footguns (issue #11, item 10): the scripts refuse what would hurt a real deployment
 * unless asked explicitly, and a vault rotation never loses a token rotated at the same moment.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, test } from "vitest";
import { db } from "@/lib/db";
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
const k2 = "k2:" + Buffer.alloc(32, 9).toString("base64");

afterAll(async () => {
  await db.$disconnect();
});

describe("db:seed refuses a database that looks real", () => {
  test("with NODE_ENV=production nothing is touched", async () => {
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

  test("a database with users of its own is refused; --force is the explicit ask", async () => {
    await db.user.upsert({ where: { email: "real-person@dealer.example" }, update: {}, create: { email: "real-person@dealer.example", name: "Real", passwordHash: "x" } });
    const users = await db.user.count();
    const { code, out } = await script(["scripts/db.ts", "seed"], { DATABASE_URL: databaseUrl });
    expect(code).toBe(2);
    expect(out).toMatch(/already holds \d+ user\(s\) of its own/);
    expect(await db.user.count()).toBe(users);
  });
});

describe("npm run dev", () => {
  test("listening beyond this machine while demo accounts keep the demo password is refused", async () => {
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
    const dealer = await db.dealer.findUniqueOrThrow({ where: { slug: "bilhuset" } });
    const id = `rotation-race-${Date.now().toString(36)}`;
    const oldKeys = parseKeys(k1);
    const newKeys = parseKeys(`${k1},${k2}`);
    const before = seal("blocket-old-token", id, oldKeys);
    await db.connection.create({ data: { id, dealerId: dealer.id, name: "Race", marketplace: "BLOCKET", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/x", tokenCiphertext: before.ciphertext, tokenKeyId: before.keyId, tokenLast4: "oken" } });

    // An admin's token rotation is mid-transaction: the row is being rewritten, not yet committed.
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let locked!: () => void;
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));
    const adminRotation = db.$transaction(async (tx) => {
      const fresh = seal("blocket-new-token", id, oldKeys); // a process that still has only k1
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
    expect(row.tokenKeyId).toBe("k2");
    expect(result.left).toBe(0);
  });

  test("archived connections hold no token and are skipped", async () => {
    const dealer = await db.dealer.findUniqueOrThrow({ where: { slug: "bilhuset" } });
    const id = `rotation-archived-${Date.now().toString(36)}`;
    await db.connection.create({ data: { id, dealerId: dealer.id, name: "Gone", marketplace: "BLOCKET", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/x", tokenCiphertext: "", tokenKeyId: "", tokenLast4: "", archivedAt: new Date(), enabled: false } });
    const result = await rotateVault(parseKeys(`${k1},${k2}`));
    expect(result.left).toBe(0);
    expect(await db.connection.findUniqueOrThrow({ where: { id } })).toMatchObject({ tokenCiphertext: "", tokenKeyId: "" });
  });
});
