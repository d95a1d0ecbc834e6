/**
 * The operator's and the dealer's signals from a real sync: the engine's marketplace requests
 * (a 429 among them) show up in /api/metrics, and a token rotated at the marketplace reaches the
 * dealer's admin as an e-mail — through the database only, no call from the engine to either.
 */
import "../sync/env";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TOKEN as METRICS_TOKEN } from "./metrics-env";
import { catcher } from "./mail-env";
import { db, stopFreshDb } from "./fresh-db";
import { parsePrometheus, sample } from "./prometheus";

process.env.SYNC_BOSS_SCHEMA = "pgboss_ops_signals";
const { startOkasieSandbox } = await import("@/sandbox/okasie");
const { insertListings, makeAdmin, makeConnection, makeDealer, okasieCar, syncNow } = await import("../sync/helpers");
const { stopQueue } = await import("@/lib/sync/queue");
const { flushMarketplaceAttempts } = await import("@/lib/metrics/requests");
const { GET } = await import("@/app/api/metrics/route");
const { runAlertScan } = await import("@/lib/alerts/scan");
const { closeMailer } = await import("@/lib/mail");

let sim: Awaited<ReturnType<typeof startOkasieSandbox>>;
beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
afterAll(async () => {
  await sim?.close();
  await stopQueue();
  closeMailer();
  await catcher.stop();
  await stopFreshDb();
});

it("requests and 429s per marketplace are counted from a real sync, and a rejected token is mailed to the dealer's admin", async () => {
  const dealer = await makeDealer("BE");
  const admin = await makeAdmin(dealer.id);
  const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl);
  await insertListings(dealer.id, [okasieCar("SIG-1"), okasieCar("SIG-2", 1)]);

  // The marketplace throttles one request: the client waits and retries.
  await fetch(`${sim.origin}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: 429, retryAfter: 1, times: 1 }) });
  expect((await syncNow(dealer.id, connection.id)).status).toBe("SUCCEEDED");
  await flushMarketplaceAttempts();

  const res = await GET(new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }));
  const m = parsePrometheus(await res.text());
  const run = await db.syncRun.findFirstOrThrow({ where: { connectionId: connection.id } });
  expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "okasie", status: "429" })).toBe(1);
  expect(sample(m, "forecourt_marketplace_requests_total", { marketplace: "okasie", status: "2xx" })).toBe(run.requests - 1);
  expect(sample(m, "forecourt_sync_requests_total", { marketplace: "okasie" })).toBe(run.requests);
  expect(sample(m, "forecourt_sync_runs_total", { marketplace: "okasie", outcome: "succeeded" })).toBe(1);
  expect(sample(m, "forecourt_sync_items_total", { marketplace: "okasie", outcome: "created" })).toBe(2);

  // Okasie support rotates the secret: the next sync fails and marks the token rejected…
  await fetch(`${sim.origin}/__sim/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seed: false }) });
  expect((await syncNow(dealer.id, connection.id)).status).toBe("FAILED");
  // …and the next alert scan tells the dealer's admin.
  await runAlertScan();
  const mail = await catcher.waitFor((x) => x.to.includes(admin.email));
  expect(mail.subject).toBe(`${dealer.name}: Okasie weigerde het token van “${connection.name}”`);
  expect(mail.raw).not.toContain("okasie-sandbox-token");
});
