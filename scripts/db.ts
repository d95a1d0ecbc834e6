/**
 * `npm run db:migrate` and `npm run db:seed`: against DATABASE_URL, or the embedded dev database
 * (started for the command and stopped after it).
 *
 * The demo data has a platform admin with a published password, so `db:seed` refuses a database
 * that looks real — NODE_ENV=production, a DATABASE_URL on another machine, or users of its own —
 * unless asked explicitly with `npm run db:seed -- --force`.
 */
import { startDevDatabase } from "./lib/embedded-db";
import { loadLocalSecrets } from "./lib/local-env";

const command = process.argv[2];
const force = process.argv.includes("--force");
if (command !== "migrate" && command !== "seed") {
  console.error("Usage: tsx scripts/db.ts migrate|seed [--force]");
  process.exit(2);
}

loadLocalSecrets();
const refuse = (reason: string) => {
  console.error(
    `Not loading the demo data: ${reason}.\n` +
      "The demo data includes a platform admin whose password (forecourt-demo) is in the README: anyone could sign in with it.\n" +
      "Nothing was changed. If this database is a throwaway, run: npm run db:seed -- --force",
  );
  process.exit(2);
};
if (command === "seed" && !force) {
  // Before connecting: a production or remote database is not even migrated by this command.
  const { demoSeedTargetRefusal } = await import("@/prisma/seed");
  const reason = demoSeedTargetRefusal(process.env.DATABASE_URL ?? null);
  if (reason) refuse(reason);
}
const database = await startDevDatabase(); // migrates
try {
  if (command === "seed") {
    process.env.DATABASE_URL = database.url;
    const { db } = await import("@/lib/db");
    const { demoSeedRefusal, seedDemo } = await import("@/prisma/seed");
    try {
      const refusal = force ? null : await demoSeedRefusal(db, database.url);
      if (refusal) {
        await db.$disconnect();
        await database.stop();
        refuse(refusal);
      } else {
        await seedDemo(db, { force });
        console.log("Demo data is in place (password for every demo account: forecourt-demo).");
      }
    } finally {
      await db.$disconnect();
    }
  } else {
    console.log("Migrations applied.");
  }
} finally {
  await database.stop();
}
