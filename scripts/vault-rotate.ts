/**
 * `npm run vault:rotate`: re-encrypt every marketplace token under the newest VAULT_KEYS key.
 *
 * It runs only against the database and keys it is given: DATABASE_URL and VAULT_KEYS must both
 * be set. Without them it used to start the embedded development database and its generated
 * keys, rotate that, and report success — while production was untouched. To rotate the local
 * development database on purpose: `npm run vault:rotate -- --dev`.
 */
import { loadLocalSecrets } from "./lib/local-env";
import { startDevDatabase, type Database } from "./lib/embedded-db";

const dev = process.argv.includes("--dev");

if (!dev && (!process.env.DATABASE_URL || !process.env.VAULT_KEYS)) {
  const missing = ["DATABASE_URL", "VAULT_KEYS"].filter((name) => !process.env[name]);
  console.error(
    `vault:rotate needs ${missing.join(" and ")}: the database whose tokens to re-encrypt, and its keys (newest last).\n` +
      "Nothing was changed. To rotate the local development database instead, run: npm run vault:rotate -- --dev",
  );
  process.exit(2);
}

let database: Database | undefined;
if (dev) {
  loadLocalSecrets();
  database = await startDevDatabase();
  process.env.DATABASE_URL = database.url;
}
try {
  const { rotateVault } = await import("@/lib/vault/rotate");
  const { rotated, total, keyId, left, unreadable } = await rotateVault();
  console.log(`Re-encrypted ${rotated} token(s); ${total - left} of ${total} now use key "${keyId}".`);
  if (unreadable > 0) {
    console.error(`${unreadable} token(s) are sealed with a key that is not in VAULT_KEYS at all: add that key back (keep the others), then run this again.`);
    process.exitCode = 1;
  } else if (left > 0) {
    console.error(
      `${left} token(s) are still under an older key: some process wrote them with a VAULT_KEYS that lacks "${keyId}". ` +
        "Keep every key in VAULT_KEYS, give every process the new VAULT_KEYS, and run this again.",
    );
    process.exitCode = 1;
  } else {
    console.log("No token uses an older key. Once every process runs with the new VAULT_KEYS, the older keys can be removed from it.");
  }
} finally {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await database?.stop();
}
