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

export default async function setup(project: TestProject) {
  const db = await startTestDatabase();
  project.provide("databaseUrl", db.url);
  return async () => {
    await db.stop();
  };
}
