/**
 * A deployment without the sandbox (the production default): the simulators' environment is not
 * offered, cannot be chosen by a crafted request, and existing sandbox connections are not called
 * — not by the connection screens, not by a sync.
 */
import { SANDBOX_PORTS } from "./sandbox-env";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
process.env.SANDBOX_CONNECTIONS = "off";
import { signInAs } from "../foundation/session";
import { createConnectionAction, probeConnectionAction, testConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { environmentsOffered, SANDBOX_DISABLED_MESSAGE } from "@/lib/connections/endpoint";
import { connectionFormOptions } from "@/lib/connections/service";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { executeRun } from "@/lib/sync/engine";
import { getRun, requestSync } from "@/lib/sync/service";
import { stopQueue } from "@/lib/sync/queue";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { insertListings, makeAdmin, makeConnection, makeDealer, okasieCar } from "../sync/helpers";
import { words } from "../helpers/words";

let sim: RunningOkasieSandbox;
beforeAll(async () => { sim = await startOkasieSandbox({ port: SANDBOX_PORTS.okasie }); });
afterAll(async () => { await sim?.close(); await stopQueue(); });

const REQUIRED = { DATABASE_URL: "postgresql://u:p@localhost:5432/x", AUTH_SECRET: "a".repeat(32), VAULT_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` };
// Production also insists on its public addresses; they are beside the point here.
const PRODUCTION = { ...REQUIRED, NODE_ENV: "production", APP_URL: "https://forecourt.example.com", PHOTOS_PUBLIC_BASE_URL: "https://forecourt.example.com/media/photos" };

describe("SANDBOX_CONNECTIONS", () => {
  test("is off by default in production, on by default elsewhere, and explicit when set", () => {
    expect(parseEnv(PRODUCTION).SANDBOX_CONNECTIONS).toBe(false);
    expect(parseEnv({ ...REQUIRED, NODE_ENV: "development" }).SANDBOX_CONNECTIONS).toBe(true);
    expect(parseEnv({ ...REQUIRED, NODE_ENV: "test" }).SANDBOX_CONNECTIONS).toBe(true);
    expect(parseEnv({ ...PRODUCTION, SANDBOX_CONNECTIONS: "on" }).SANDBOX_CONNECTIONS).toBe(true);
    expect(parseEnv({ ...REQUIRED, NODE_ENV: "development", SANDBOX_CONNECTIONS: "off" }).SANDBOX_CONNECTIONS).toBe(false);
    expect(() => parseEnv({ ...REQUIRED, SANDBOX_CONNECTIONS: "maybe" })).toThrow(/SANDBOX_CONNECTIONS/);
  });
});

describe("with the sandbox switched off", () => {
  test("the form offers production only, and a crafted sandbox request is refused on the field, storing nothing", async () => {
    expect(environmentsOffered()).toEqual(["PRODUCTION"]);
    expect(connectionFormOptions().environments).toEqual(["PRODUCTION"]);
    const dealer = await makeDealer("BE");
    await signInAs((await makeAdmin(dealer.id)).email);
    const created = await createConnectionAction({ dealer: dealer.slug, name: "Sandbox", marketplace: "OKASIE", environment: "SANDBOX", token: "okasie-sandbox-token", dealerProfileId: "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f" });
    expect((created.validationErrors as Record<string, { _errors?: string[] }>)?.environment?._errors?.[0]).toBe(SANDBOX_DISABLED_MESSAGE);
    const probe = await probeConnectionAction({ dealer: dealer.slug, marketplace: "OKASIE", environment: "SANDBOX", token: "okasie-sandbox-token" });
    expect(probe.serverError).toBe(words(SANDBOX_DISABLED_MESSAGE)); // in the reader's words
    expect(await db.connection.count({ where: { dealerId: dealer.id } })).toBe(0);
    expect(sim.state.stats.requests).toBe(0);
  });

  test("an existing sandbox connection is neither tested nor synced", async () => {
    const dealer = await makeDealer("BE");
    await signInAs((await makeAdmin(dealer.id)).email);
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl);
    await insertListings(dealer.id, [okasieCar("OFF-1", 1)]);
    const tested = await testConnectionAction({ dealer: dealer.slug, connectionId: connection.id });
    expect(tested.serverError).toBe(words(SANDBOX_DISABLED_MESSAGE));
    const { runId } = await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" });
    await executeRun(runId);
    const run = await getRun(dealer.id, runId);
    expect(run.status).toBe("FAILED");
    expect(words(run.message)).toContain("Sandbox connections are switched off");
    expect(sim.state.stats.requests).toBe(0);
  });
});
