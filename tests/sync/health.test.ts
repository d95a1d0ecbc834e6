/**
 * A sync tells staff whether the connection works: a successful run marks it working; a token
 * rotated at the marketplace marks it rejected, which every dealer page then shows.
 */
import "./env";
import { afterAll, beforeAll, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_health";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { stopQueue } from "@/lib/sync/queue";
import { healthOf } from "@/lib/connections/service";
import { msg } from "@/lib/i18n/message";
import { translatorFor } from "@/lib/i18n/translator";
import { insertListings, makeConnection, makeDealer, okasieCar, syncNow } from "./helpers";

let sim: RunningOkasieSandbox;
beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
afterAll(async () => { await sim?.close(); await stopQueue(); });


it("a working sync marks the connection working; a rotated token marks it rejected", async () => {
  const dealer = await makeDealer("BE");
  const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl);
  await insertListings(dealer.id, [okasieCar(`HL-${Date.now()}`)]);
  expect((await syncNow(dealer.id, connection.id)).status).toBe("SUCCEEDED");
  let row = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
  expect(row.lastCheckStatus).toBe("ok");

  // Okasie support rotates the secret: the old one stops working at once.
  await fetch(`${sim.origin}/__sim/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seed: false }) });
  expect((await syncNow(dealer.id, connection.id)).status).toBe("FAILED");
  row = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
  expect(row.lastCheckStatus).toBe("unauthorized");
  expect(healthOf({ marketplace: "OKASIE", enabled: true, lastCheckStatus: row.lastCheckStatus }).advice).toBe(msg("health.advice.unauthorized", { marketplace: "Okasie" }));
  // In words, as the banner on every dealer page shows it.
  expect((await translatorFor("en")).text(healthOf({ marketplace: "OKASIE", enabled: true, lastCheckStatus: row.lastCheckStatus }).advice)).toBe("The Okasie token was rejected; ask your admin to update it.");
});
