/**
 * docs/operations.md, "Backup and restore", exactly as written: pg_dump in custom format, restore
 * into a fresh database with pg_restore, and the app works on the copy — sign-in, the data, and
 * the encrypted marketplace tokens (a real sync against the marketplace sandbox) — then a key
 * rotation on the restored copy (`npm run vault:rotate`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/lib/embedded-db";
import { clientMajor, startDebianCluster, type DebianCluster } from "./debian-postgres";
import "../sync/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const KEY1 = process.env.VAULT_KEYS!; // tests/setup/env.ts: "k1:…"
const KEY2 = "k2:" + Buffer.alloc(32, 9).toString("base64");

process.env.SYNC_BOSS_SCHEMA = "pgboss_backup";
const { startOkasieSandbox } = await import("@/sandbox/okasie");
const sim = await startOkasieSandbox({ port: 0 });
process.env.SANDBOX_OKASIE_URL = sim.baseUrl; // the seeded Okasie connection points at this sandbox

const cluster: DebianCluster = await startDebianCluster();
const sourceUrl = cluster.url("forecourt");
const restoredUrl = cluster.url("forecourt_restored");
// The app in this file (lib/db) runs on the restored copy only; the source is written through its own client.
process.env.DATABASE_URL = restoredUrl;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "forecourt-backup-"));
  execFileSync(cluster.bin("psql"), [cluster.url("postgres"), "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE forecourt"]);
  await migrate(sourceUrl);
  // The production data: demo dealers, users, cars and marketplace connections with sealed tokens.
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const source = new PrismaClient({ adapter: new PrismaPg({ connectionString: sourceUrl }) });
  const { seedDemo } = await import("@/prisma/seed");
  await seedDemo(source);
  await source.$disconnect();
}, 120_000);

afterAll(async () => {
  const { stopQueue } = await import("@/lib/sync/queue");
  await stopQueue();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await sim.close();
  cluster?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("backup and restore of PostgreSQL", () => {
  it("uses client tools of the server's own major version", async () => {
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: sourceUrl });
    await client.connect();
    const { rows } = await client.query("SHOW server_version_num");
    await client.end();
    const serverMajor = String(Math.floor(Number(rows[0].server_version_num) / 10000));
    expect(clientMajor(cluster.bin("pg_dump"))).toBe(serverMajor);
    expect(clientMajor(cluster.bin("pg_restore"))).toBe(serverMajor);
  });

  it("pg_dump → pg_restore into a fresh database: the app, its data and its tokens work on the copy", async () => {
    const dump = path.join(work, "forecourt.dump");
    // The documented commands.
    execFileSync(cluster.bin("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${dump}`, sourceUrl]);
    expect(statSync(dump).size).toBeGreaterThan(10_000);
    execFileSync(cluster.bin("psql"), [cluster.url("postgres"), "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE forecourt_restored"]);
    execFileSync(cluster.bin("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${restoredUrl}`, dump]);

    const { db } = await import("@/lib/db"); // on the restored copy

    // Schema and migration history came along: nothing left to apply.
    const status = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "status"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: restoredUrl } });
    expect(`${status.stdout}${status.stderr}`).toMatch(/Database schema is up to date/);

    // The data.
    expect(await db.user.count()).toBe(5);
    expect(await db.listing.count({ where: { dealer: { slug: "auto-gent" } } })).toBe(6);
    // Sign-in works: the password hashes survived.
    const { authenticate } = await import("@/lib/auth/credentials");
    expect(await authenticate("owner@autogent.test", "forecourt-demo", null)).toMatchObject({ ok: true, user: { email: "owner@autogent.test" } });

    // The sealed tokens open with the same VAULT_KEYS, and a real sync through them succeeds.
    const { syncNow } = await import("../sync/helpers");
    const okasie = await db.connection.findUniqueOrThrow({ where: { id: "demo-okasie-auto-gent" } });
    const run = await syncNow(okasie.dealerId, okasie.id);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.created).toBeGreaterThan(0);
  }, 120_000);

  it("key rotation on the restored database: every token re-sealed under the new key, the old key alone no longer opens them", async () => {
    const before = await import("@/lib/db").then(({ db }) => db.connection.findMany({ orderBy: { id: "asc" } }));
    const rotate = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/vault-rotate.ts"], {
      cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: restoredUrl, VAULT_KEYS: `${KEY1},${KEY2}` },
    });
    expect(rotate.status, rotate.stderr).toBe(0);
    expect(rotate.stdout).toContain(`Re-encrypted ${before.length} token(s); ${before.length} of ${before.length} now use key "k2"`);

    const { db } = await import("@/lib/db");
    const { open, parseKeys, VaultError } = await import("@/lib/vault");
    const after = await db.connection.findMany({ orderBy: { id: "asc" } });
    for (const [i, row] of after.entries()) {
      expect(row.tokenKeyId).toBe("k2");
      const sealed = { ciphertext: row.tokenCiphertext, keyId: row.tokenKeyId };
      const previous = { ciphertext: before[i].tokenCiphertext, keyId: before[i].tokenKeyId };
      expect(open(sealed, row.id, parseKeys(KEY2))).toBe(open(previous, row.id, parseKeys(KEY1)));
      expect(() => open(sealed, row.id, parseKeys(KEY1))).toThrow(VaultError);
    }
  });
});
