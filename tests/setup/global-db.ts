/**
 * One fresh, migrated PostgreSQL database per test run (never the dev one), shared by every
 * test file through `inject("databaseUrl")` (see env.ts). Stopped when the run ends.
 */
import type { TestProject } from "vitest/node";
import { startTestDatabase } from "../../scripts/lib/embedded-db";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** The demo tenants (Auto Gent, Bilhuset and their users) that the integration tests rely on. */
async function seed(url: string) {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
  process.env.VAULT_KEYS ??= "k1:" + Buffer.alloc(32, 7).toString("base64");
  const { db } = await import("../../lib/db");
  const { seedDemo } = await import("../../prisma/seed");
  await seedDemo(db);
  await db.$disconnect();
}

export default async function setup(project: TestProject) {
  const db = await startTestDatabase();
  project.provide("databaseUrl", db.url);
  await seed(db.url);
  return async () => {
    await db.stop();
  };
}
