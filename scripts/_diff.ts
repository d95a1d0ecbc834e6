import { startTestDatabase } from "./lib/embedded-db";
import { execFileSync } from "node:child_process";
const db = await startTestDatabase();
try {
  const out = execFileSync("node_modules/.bin/prisma", ["migrate", "dev", "--create-only", "--name", "drift_check", "--skip-generate"], { env: { ...process.env, DATABASE_URL: db.url }, encoding: "utf8" });
  console.log("OUT:", out);
} catch (e) { console.log("ERR", (e as any).stdout, (e as any).stderr?.slice(0, 600)); } finally { await db.stop(); }
