/**
 * A database of this test file's own (fresh, migrated, demo-seeded), for tests that assert exact
 * totals across the whole database (metrics, alerts) and so must not see other files' rows.
 * Import this module first: it points lib/db at the new database before anything uses it.
 */
import { startTestDatabase } from "../../scripts/lib/embedded-db";

const database = await startTestDatabase();
process.env.DATABASE_URL = database.url;

const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/prisma/seed");
await seedDemo(db);

export { db };
export const databaseUrl = database.url;

/** Disconnects and removes the database (call in afterAll). */
export async function stopFreshDb() {
  await db.$disconnect();
  await database.stop();
}
