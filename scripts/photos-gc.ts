/**
 * `npm run photos:gc`: deletes photos no listing has shown for PHOTOS_GC_GRACE_HOURS (default 72):
 * uploads never saved into a car, and photos removed from every car. Safe to run from cron or
 * beside the app; the worker should run the same function on a schedule (collectPhotoGarbage).
 */
import { loadLocalSecrets } from "./lib/local-env";
import { startDevDatabase } from "./lib/embedded-db";

loadLocalSecrets();
const graceHours = Number(process.env.PHOTOS_GC_GRACE_HOURS ?? 72);
const database = await startDevDatabase();
process.env.DATABASE_URL = database.url;
try {
  const { collectPhotoGarbage } = await import("@/lib/photos/service");
  const { deleted, inUse } = await collectPhotoGarbage({ graceHours });
  console.log(`Deleted ${deleted} unused photo(s); ${inUse} older photo(s) are still shown by a listing.`);
} finally {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await database.stop();
}
