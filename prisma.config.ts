/**
 * Prisma CLI configuration. Prisma 6.19 runs offline here only with its JavaScript schema engine
 * driven through @prisma/adapter-pg (see docs/decisions/0001-prisma-6-js-engine.md and
 * shared STACK.md). Two adapter defects are shimmed below; this file runs only in the CLI.
 */
import { defineConfig } from "prisma/config";

// The CLI would otherwise try to download native engines, which fails offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { createMigrationAdapter } = await import("./scripts/lib/prisma-migrate-adapter");
    return createMigrationAdapter(process.env.DATABASE_URL);
  },
});
