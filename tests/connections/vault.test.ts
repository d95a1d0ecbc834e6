import { describe, expect, test } from "vitest";
import { randomBytes } from "node:crypto";
import { open, parseKeys, seal, VaultError, lastFour } from "@/lib/vault";
import { rotateVault } from "@/lib/vault/rotate";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const key = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

describe("vault", () => {
  const keyring = parseKeys(key("a"));

  test("seals with a fresh nonce each time and opens back", () => {
    const one = seal("secret-token-123", "row-1", keyring);
    const two = seal("secret-token-123", "row-1", keyring);
    expect(one.ciphertext).not.toBe(two.ciphertext);
    expect(one.ciphertext).not.toContain("secret-token");
    expect(open(one, "row-1", keyring)).toBe("secret-token-123");
    expect(one.keyId).toBe("a");
  });

  test("a ciphertext moved to another record, or tampered with, does not open", () => {
    const sealed = seal("secret-token-123", "row-1", keyring);
    expect(() => open(sealed, "row-2", keyring)).toThrow(VaultError);
    const raw = Buffer.from(sealed.ciphertext, "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => open({ ...sealed, ciphertext: raw.toString("base64") }, "row-1", keyring)).toThrow(VaultError);
  });

  test("a missing key is named in the error, without the token", () => {
    const sealed = seal("secret-token-123", "row-1", keyring);
    const other = parseKeys(key("b"));
    expect(() => open(sealed, "row-1", other)).toThrow(/key "a" .* not configured/);
  });

  test("keys must be 32 bytes and ids unique", () => {
    expect(() => parseKeys(`x:${Buffer.alloc(16).toString("base64")}`)).toThrow(/32 bytes/);
    const k = key("dup");
    expect(() => parseKeys(`${k},${k}`)).toThrow(/unique/);
  });

  test("pages get at most the last four characters", () => expect(lastFour("abcdefgh1234")).toBe("1234"));
});

describe("vault:rotate", () => {
  test("tokens written under an old key still open after rotation, and the old key can then be dropped", async () => {
    const current = parseKeys(env().VAULT_KEYS); // the newest key stays the test run's own
    const old = parseKeys(key("old-key"));
    const gent = await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
    const ids = ["rot-1", "rot-2"].map((s) => `${s}-${Date.now()}`);
    for (const id of ids) {
      const sealed = seal(`token-for-${id}`, id, old);
      await db.connection.create({ data: { id, dealerId: gent.id, name: id, marketplace: "OKASIE", environment: "SANDBOX", baseUrl: "http://127.0.0.1:1", tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: "xxxx", dealerLocationCode: "X" } });
    }
    const result = await rotateVault([...old, ...current]);
    expect(result.rotated).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      const row = await db.connection.findUniqueOrThrow({ where: { id } });
      expect(row.tokenKeyId).toBe(current.at(-1)!.id);
      expect(open({ ciphertext: row.tokenCiphertext, keyId: row.tokenKeyId }, id, current)).toBe(`token-for-${id}`);
    }
    expect(await db.connection.count({ where: { tokenKeyId: "old-key" } })).toBe(0);
    await db.connection.deleteMany({ where: { id: { in: ids } } });
  });
});
