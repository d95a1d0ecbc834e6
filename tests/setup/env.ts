/** Runs in every test worker before the test file: points lib/ at the run's database. */
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
process.env.VAULT_KEYS ??= "k1:" + Buffer.alloc(32, 7).toString("base64");
