/**
 * A second checkout runs beside the first with nothing but its own sandbox ports set: the
 * environment derives the simulator URLs from the ports, the demo connections (which the worker
 * follows) are seeded — or realigned — to them, and the embedded database moves to a free port
 * when the default one is taken, saying so. Every variable of lib/env.ts is documented.
 */
import { describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { ENV_KEYS, parseEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort, startCluster } from "@/scripts/lib/embedded-db";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const REQUIRED = { DATABASE_URL: "postgresql://u:p@localhost:5432/x", AUTH_SECRET: "a".repeat(32), VAULT_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` };

// This checkout's ports, as a second checkout would set them (before anything reads lib/env.ts).
const OKASIE_PORT = 47_110 + Math.floor(Math.random() * 500);
const BLOCKET_PORT = OKASIE_PORT + 1;
process.env.SANDBOX_OKASIE_PORT = String(OKASIE_PORT);
process.env.SANDBOX_BLOCKET_PORT = String(BLOCKET_PORT);
delete process.env.SANDBOX_OKASIE_URL;
delete process.env.SANDBOX_BLOCKET_URL;

describe("the environment", () => {
  test("derives the sandbox URLs from the ports alone; an explicit URL still wins", () => {
    const e = parseEnv({ ...REQUIRED, SANDBOX_OKASIE_PORT: "4510", SANDBOX_BLOCKET_PORT: "4520" });
    expect(e.SANDBOX_OKASIE_URL).toBe("http://127.0.0.1:4510/api/external/v1");
    expect(e.SANDBOX_BLOCKET_URL).toBe("http://127.0.0.1:4520/pro-import-api");
    expect(parseEnv(REQUIRED).SANDBOX_OKASIE_URL).toBe("http://127.0.0.1:4010/api/external/v1");
    expect(parseEnv({ ...REQUIRED, SANDBOX_OKASIE_PORT: "4510", SANDBOX_OKASIE_URL: "http://127.0.0.1:9999/x" }).SANDBOX_OKASIE_URL).toBe("http://127.0.0.1:9999/x");
  });

  test("validates the sync settings with a message that names the variable", () => {
    expect(parseEnv({ ...REQUIRED, SYNC_OKASIE_WINDOWS: "120/60,5/1" }).SYNC_OKASIE_WINDOWS).toEqual([{ points: 120, durationSec: 60 }, { points: 5, durationSec: 1 }]);
    expect(() => parseEnv({ ...REQUIRED, SYNC_OKASIE_WINDOWS: "lots" })).toThrow(/SYNC_OKASIE_WINDOWS: must be points\/seconds/);
    expect(() => parseEnv({ ...REQUIRED, SYNC_PAGE_SIZE: "0" })).toThrow(/SYNC_PAGE_SIZE/);
    expect(() => parseEnv({ ...REQUIRED, SANDBOX_OKASIE_PORT: "http" })).toThrow(/SANDBOX_OKASIE_PORT/);
    expect(parseEnv({ ...REQUIRED, SYNC_SCHEDULES: "0" }).SYNC_SCHEDULES).toBe(false);
    expect(parseEnv(REQUIRED)).toMatchObject({ SYNC_SCHEDULES: true, SYNC_DEBOUNCE_SECONDS: 5, SYNC_PAGE_SIZE: 500, SYNC_BOSS_SCHEMA: "pgboss", MARKETPLACE_MAX_PAGES: 2000 });
  });

  test("every variable is listed in .env.example with a comment", () => {
    const lines = readFileSync(path.join(ROOT, ".env.example"), "utf8").split("\n");
    for (const key of ENV_KEYS) {
      const at = lines.findIndex((l) => l.startsWith(`${key}=`));
      expect(at, key).toBeGreaterThan(0);
      // The variable sits in a block introduced by a comment.
      let i = at - 1;
      while (i > 0 && /^[A-Z0-9_]+=/.test(lines[i])) i -= 1;
      expect(lines[i], key).toMatch(/^# /);
    }
  });
});

describe("a second checkout beside the first", () => {
  test("its dev database takes a free port when the default is taken, and its demo connections use its own sandbox", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "forecourt-second-"));
    if (process.getuid?.() === 0) {
      const [, , uid, gid] = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"))!.split(":");
      chownSync(parent, Number(uid), Number(gid));
    }
    const dataDir = path.join(parent, "pg");
    // The first checkout's database holds the default port.
    const taken = createServer();
    const takenPort = await freePort();
    await new Promise<void>((resolve) => taken.listen(takenPort, "127.0.0.1", resolve));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env, FORECOURT_DATA_DIR: dataDir, FORECOURT_DB_PORT: String(takenPort),
        SANDBOX_OKASIE_PORT: String(OKASIE_PORT), SANDBOX_BLOCKET_PORT: String(BLOCKET_PORT), NODE_ENV: "development",
      };
      delete env.DATABASE_URL;
      delete env.SANDBOX_OKASIE_URL;
      delete env.SANDBOX_BLOCKET_URL;
      const { stdout } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db.ts", "seed"], { cwd: ROOT, env, timeout: 150_000 });
      const moved = /Port (\d+) \(FORECOURT_DB_PORT\) is already in use.*uses port (\d+) instead/.exec(stdout);
      expect(moved?.[1]).toBe(String(takenPort));
      expect(Number(moved?.[2])).not.toBe(takenPort);
      expect(stdout).toContain("Demo data is in place");

      const cluster = await startCluster(dataDir, await freePort());
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: cluster.urlFor("forecourt") }) });
      try {
        const urls = async () => Object.fromEntries((await db.connection.findMany({ select: { marketplace: true, baseUrl: true } })).map((c) => [c.marketplace, c.baseUrl]));
        expect(await urls()).toEqual({
          OKASIE: `http://127.0.0.1:${OKASIE_PORT}/api/external/v1`,
          BLOCKET: `http://127.0.0.1:${BLOCKET_PORT}/pro-import-api`,
        });
        // A database seeded while the first checkout's ports were configured is realigned by `npm run dev`.
        await db.connection.updateMany({ data: { baseUrl: "http://127.0.0.1:4010/api/external/v1" } });
        const { alignDemoConnections } = await import("@/prisma/seed");
        expect(await alignDemoConnections(db)).toBe(2);
        expect((await urls()).OKASIE).toBe(`http://127.0.0.1:${OKASIE_PORT}/api/external/v1`);
        expect(await alignDemoConnections(db)).toBe(0);
      } finally {
        await db.$disconnect();
        await cluster.stop();
      }
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      rmSync(parent, { recursive: true, force: true });
    }
  }, 180_000);
});
