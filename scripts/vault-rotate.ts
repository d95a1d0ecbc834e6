/** `npm run vault:rotate`: re-encrypt every marketplace token under the newest VAULT_KEYS key. */
import { loadLocalSecrets } from "./lib/local-env";
import { startDevDatabase } from "./lib/embedded-db";

loadLocalSecrets();
const database = await startDevDatabase();
process.env.DATABASE_URL = database.url;
try {
  const { rotateVault } = await import("@/lib/vault/rotate");
  const { rotated, total, keyId } = await rotateVault();
  console.log(`Re-encrypted ${rotated} of ${total} tokens under key "${keyId}". Keys no token uses any more can now be removed from VAULT_KEYS.`);
} finally {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await database.stop();
}
