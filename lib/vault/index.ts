/**
 * The token vault: AES-256-GCM with a random 96-bit nonce per record and the record's id as
 * additional data (a ciphertext copied onto another row does not decrypt). Keys come from
 * VAULT_KEYS (`id:base64key,…`, newest last); each ciphertext stores the id of its key, so keys
 * rotate without downtime: add a key, run `npm run vault:rotate`, then drop the old one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

export interface Sealed {
  ciphertext: string;
  keyId: string;
}

export class VaultError extends Error {
  name = "VaultError";
}

interface Key {
  id: string;
  key: Buffer;
}

export function parseKeys(spec: string): Key[] {
  const keys = spec.split(",").map((entry) => {
    const [id, b64] = entry.trim().split(":");
    const key = Buffer.from(b64 ?? "", "base64");
    if (!id || key.length !== 32) throw new VaultError(`Vault key "${id ?? "?"}" must be 32 bytes in base64.`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new VaultError("Vault key ids must be unique.");
  return keys;
}

const keys = () => parseKeys(env().VAULT_KEYS);

/** The key new secrets are sealed with. */
export const currentKeyId = () => keys().at(-1)!.id;

export function seal(plaintext: string, recordId: string, keyring: Key[] = keys()): Sealed {
  const { id, key } = keyring.at(-1)!;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(recordId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext: Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64"), keyId: id };
}

export function open(sealed: Sealed, recordId: string, keyring: Key[] = keys()): string {
  const key = keyring.find((k) => k.id === sealed.keyId);
  if (!key) throw new VaultError(`The key "${sealed.keyId}" that sealed this token is not configured in VAULT_KEYS.`);
  const raw = Buffer.from(sealed.ciphertext, "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(recordId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new VaultError("A stored token could not be decrypted (wrong key or tampered data).");
  }
}

/** What pages may show of a token: its last 4 characters at most. */
export const lastFour = (token: string) => token.slice(-4);
