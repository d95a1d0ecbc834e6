import { describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, chownSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@/scripts/lib/embedded-db";

const run = promisify(execFile);

/** Processes whose command line mentions `needle` (a data directory). */
function processesMentioning(needle: string) {
  return readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle);
    } catch {
      return false;
    }
  });
}

describe("embedded PostgreSQL", () => {
  test("npm run db:migrate starts the database, migrates and leaves no postgres process behind", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "forecourt-lifecycle-"));
    if (process.getuid?.() === 0) {
      const [, , uid, gid] = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"))!.split(":");
      chownSync(parent, Number(uid), Number(gid));
    }
    const dataDir = path.join(parent, "pg");
    try {
      const env = { ...process.env, DATABASE_URL: "", FORECOURT_DATA_DIR: dataDir, FORECOURT_DB_PORT: String(await freePort()) };
      delete (env as Record<string, string | undefined>).DATABASE_URL;
      const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/db.ts", "migrate"], { env, timeout: 120_000 });
      expect(stdout).toContain("Migrations applied.");
      expect(readdirSync(dataDir)).toContain("PG_VERSION");
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 120_000);
});
