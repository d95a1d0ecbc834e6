/**
 * The driver adapter the Prisma CLI's JavaScript schema engine uses, with two shims for
 * @prisma/adapter-pg 6.19 (both recorded in shared STACK.md):
 * 1. The schema engine reads catalog columns of type `name` (oid 19) and `"char"` (oid 18),
 *    which the adapter cannot deserialize: we present them as text.
 * 2. Its shadow database connection spreads `connectionString` (which silently wins over the
 *    shadow database name) and drops the database while its own pool is still open.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
const AS_TEXT: Record<number, number> = { 18: TEXT, 19: TEXT, 1002: TEXT_ARRAY, 1003: TEXT_ARRAY };

let patched = false;
function presentCatalogTypesAsText() {
  if (patched) return;
  patched = true;
  const Result = (pg as unknown as { Result: { prototype: { addFields(f: { dataTypeID: number }[]): void } } }).Result;
  const original = Result.prototype.addFields;
  Result.prototype.addFields = function (fields) {
    for (const field of fields) field.dataTypeID = AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
    return original.call(this, fields);
  };
}

function explicitConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ""),
  };
}

class MigrationAdapterFactory extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connectToShadowDb() {
    const admin = new pg.Client(this.poolConfig);
    await admin.connect();
    const database = `prisma_shadow_${crypto.randomUUID().replace(/-/g, "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = new PrismaPg({ ...this.poolConfig, database });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client(this.poolConfig);
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  }
}

export function createMigrationAdapter(url: string | undefined) {
  if (!url) throw new Error("DATABASE_URL is not set. Run the CLI through `npm run db:migrate`, which starts the embedded database.");
  presentCatalogTypesAsText();
  return new MigrationAdapterFactory(explicitConfig(url));
}
