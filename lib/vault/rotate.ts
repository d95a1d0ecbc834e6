/** Re-encrypts every stored token under the newest key, in one transaction. */
import { db } from "@/lib/db";
import { open, parseKeys, seal } from "@/lib/vault";
import { env } from "@/lib/env";

export async function rotateVault(keyring = parseKeys(env().VAULT_KEYS)): Promise<{ rotated: number; total: number; keyId: string }> {
  const keyId = keyring.at(-1)!.id;
  return db.$transaction(async (tx) => {
    const rows = await tx.connection.findMany({ select: { id: true, tokenCiphertext: true, tokenKeyId: true } });
    let rotated = 0;
    for (const row of rows) {
      if (row.tokenKeyId === keyId) continue;
      const token = open({ ciphertext: row.tokenCiphertext, keyId: row.tokenKeyId }, row.id, keyring);
      const sealed = seal(token, row.id, keyring);
      await tx.connection.update({ where: { id: row.id }, data: { tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId } });
      rotated++;
    }
    return { rotated, total: rows.length, keyId };
  }, { timeout: 120_000 });
}
