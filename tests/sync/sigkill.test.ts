/**
 * Crash safety: the real worker (scripts/worker.ts as a child process) is killed with SIGKILL five
 * times while it pushes to both simulators, and restarted each time. In the end the marketplaces
 * hold exactly what the dealers have: every reference once, with the latest content.
 */
import "./env";
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
process.env.SYNC_BOSS_SCHEMA = "pgboss_kill";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { requestSync } from "@/lib/sync/service";
import { stopQueue } from "@/lib/sync/queue";
import { SERVER_NODE_ARGS } from "@/scripts/lib/worker-command";
import { blocketCar, insertListings, makeConnection, makeDealer, okasieCar, waitFor } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");
let okasie: RunningOkasieSandbox;
let blocket: Awaited<ReturnType<typeof startBlocketSandbox>>;
let child: ChildProcess | null = null;

function startChild(): ChildProcess {
  const proc = spawn(process.execPath, [...SERVER_NODE_ARGS, "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, SYNC_RECOVERY_SECONDS: "1", SYNC_SCHEDULES: "0", SYNC_BLOCKET_WINDOWS: "300/1", SYNC_OKASIE_WINDOWS: "100000/60,20/1", SYNC_POLLING_SECONDS: "0.5" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  proc.stderr?.on("data", () => {});
  return proc;
}

beforeAll(async () => {
  okasie = await startOkasieSandbox({ port: 0, rateLimits: { perMinute: 100_000, burstPerSecond: 1_000 } });
  blocket = await startBlocketSandbox({ port: 0, processingDelayMs: 5 });
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await okasie?.close();
  await blocket?.close();
  await stopQueue();
});

it("converges after five SIGKILLs mid-run: no duplicate, nothing lost", async () => {
  const be = await makeDealer("BE");
  const se = await makeDealer("SE");
  const ok = await makeConnection(be.id, "OKASIE", okasie.baseUrl, { remoteMatchedAt: new Date() });
  const bl = await makeConnection(se.id, "BLOCKET", blocket.baseUrl);
  const N_OK = 1_500, N_BL = 300;
  await insertListings(be.id, Array.from({ length: N_OK }, (_, i) => okasieCar(`K-${String(i).padStart(5, "0")}`, i)));
  await insertListings(se.id, Array.from({ length: N_BL }, (_, i) => blocketCar(`KB-${String(i).padStart(5, "0")}`, i)));

  const runs = [
    (await requestSync({ dealerId: be.id, connectionId: ok.id, trigger: "MANUAL" })).runId,
    (await requestSync({ dealerId: se.id, connectionId: bl.id, trigger: "MANUAL" })).runId,
  ];
  for (let kill = 0; kill < 5; kill++) {
    child = startChild();
    // Let it get into the middle of the work, then pull the plug.
    await waitFor("progress", async () => {
      const rs = await db.syncRun.findMany({ where: { id: { in: runs } } });
      return rs.some((r) => r.status === "RUNNING" && r.done > 0);
    }, 30_000, 50);
    await new Promise((r) => setTimeout(r, 150 + kill * 100));
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    // Edit something while the worker is down: the change must not be lost either.
    await db.listing.updateMany({ where: { dealerId: be.id, reference: `K-0000${kill}` }, data: { title: `Edited during crash ${kill}` } });
  }
  child = startChild();
  // The orphaned runs are resumed; a follow-up sync picks up the edits made during the crashes.
  await waitFor("runs finished", async () => (await db.syncRun.count({ where: { id: { in: runs }, status: { in: ["QUEUED", "RUNNING"] } } })) === 0, 90_000, 250);
  const follow = (await requestSync({ dealerId: be.id, connectionId: ok.id, trigger: "MANUAL" })).runId;
  await waitFor("follow-up", async () => (await db.syncRun.findUnique({ where: { id: follow } }))?.finishedAt, 60_000, 250);
  await waitFor("blocket settled", async () => (await db.publication.count({ where: { dealerId: se.id, connectionId: bl.id, state: { not: "LIVE" } } })) === 0, 60_000, 250);

  const okAds = [...okasie.state.store.listings.values()].filter((l) => l.externalReference?.startsWith("K-"));
  expect(okAds).toHaveLength(N_OK);
  expect(new Set(okAds.map((l) => l.externalReference)).size).toBe(N_OK);
  for (let kill = 0; kill < 5; kill++) expect(okAds.find((l) => l.externalReference === `K-0000${kill}`)?.fields.title).toBe(`Edited during crash ${kill}`);
  const blAds = [...blocket.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith("KB-"));
  expect(blAds).toHaveLength(N_BL);
  expect(new Set(blAds.map((a) => a.sourceId)).size).toBe(N_BL);
  expect(await db.publication.count({ where: { dealerId: be.id, connectionId: ok.id, state: "LIVE" } })).toBe(N_OK);
  expect(await db.publication.count({ where: { dealerId: se.id, connectionId: bl.id, state: "LIVE" } })).toBe(N_BL);
}, 170_000);
