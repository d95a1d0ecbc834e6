/**
 * `npm run db:migrate` and `npm run db:seed`: against DATABASE_URL, or the embedded dev database
 * (started for the command and stopped after it).
 */
import { startDevDatabase } from "./lib/embedded-db";
import { loadLocalSecrets } from "./lib/local-env";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("Usage: tsx scripts/db.ts migrate|seed");
  process.exit(2);
}

loadLocalSecrets();
const database = await startDevDatabase(); // migrates
try {
  if (command === "seed") {
    process.env.DATABASE_URL = database.url;
    const { db } = await import("@/lib/db");
    const { seedDemo } = await import("@/prisma/seed");
    await seedDemo(db);
    await db.$disconnect();
    console.log("Demo data is in place (password for every demo account: forecourt-demo).");
  } else {
    console.log("Migrations applied.");
  }
} finally {
  await database.stop();
}
