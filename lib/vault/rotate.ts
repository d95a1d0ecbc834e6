/**
 * Re-encrypts every stored token under the newest key. One short transaction per connection that
 * locks the row (SELECT … FOR UPDATE) and re-reads it: a token rotated by an admin at the same
 * moment is never overwritten with the old one — whichever commits first, the other sees it.
 * Archived connections hold no token and are skipped.
 */
import { db } from "@/lib/db";
import { open, parseKeys, seal } from "@/lib/vault";
import { env } from "@/lib/env";

export interface RotationResult {
  rotated: number;
  /** Connections holding a token. */
  total: number;
  keyId: string;
  /** Tokens still under an older key afterwards (written meanwhile by a process without the new key). */
  left: number;
  /** Tokens under a key that is not in the keyring at all: left as they are, counted in `left` too. */
  unreadable: number;
}

const withToken = { tokenCiphertext: { not: "" } };

export async function rotateVault(keyring = parseKeys(env().VAULT_KEYS)): Promise<RotationResult> {
  const keyId = keyring.at(-1)!.id;
  const known = keyring.map((k) => k.id);
  let rotated = 0;
  // A second pass picks up tokens written under an older key during the first.
  for (let pass = 0; pass < 2; pass++) {
    // A token under a key we do not hold cannot be re-encrypted; it is reported, not a reason to stop.
    const stale = await db.connection.findMany({ where: { ...withToken, tokenKeyId: { not: keyId, in: known } }, select: { id: true }, orderBy: { id: "asc" } });
    for (const { id } of stale) {
      rotated += await db.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ tokenCiphertext: string; tokenKeyId: string }[]>`
          SELECT "tokenCiphertext", "tokenKeyId" FROM "Connection" WHERE id = ${id} FOR UPDATE`;
        if (!row || row.tokenCiphertext === "" || row.tokenKeyId === keyId || !known.includes(row.tokenKeyId)) return 0;
        const sealed = seal(open({ ciphertext: row.tokenCiphertext, keyId: row.tokenKeyId }, id, keyring), id, keyring);
        await tx.connection.update({ where: { id }, data: { tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId } });
        return 1;
      });
    }
  }
  const [total, left, unreadable] = await Promise.all([
    db.connection.count({ where: withToken }),
    db.connection.count({ where: { ...withToken, tokenKeyId: { not: keyId } } }),
    db.connection.count({ where: { ...withToken, tokenKeyId: { notIn: known } } }),
  ]);
  return { rotated, total, keyId, left, unreadable };
}
