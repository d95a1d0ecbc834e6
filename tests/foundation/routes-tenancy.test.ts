import { describe, expect, test } from "vitest";
import "./session";
import { signInAs } from "./session";
import { GET as listings } from "@/app/api/d/[dealer]/listings/route";
import { GET as syncs } from "@/app/api/d/[dealer]/syncs/route";
import { GET as syncPlanRoute } from "@/app/api/d/[dealer]/syncs/plan/route";
import { GET as activity } from "@/app/api/d/[dealer]/activity/route";
import { GET as exportCsv } from "@/app/(dashboard)/d/[dealer]/listings/export/route";
import { cancelSyncAction, confirmRemovalsAction, importRemoteAction, syncNowAction } from "@/app/(dashboard)/d/[dealer]/syncs/actions";
import { db } from "@/lib/db";

const routes = { listings, syncs, activity, export: exportCsv };
const call = (route: keyof typeof routes, dealer: string) => routes[route](new Request(`http://localhost/api/d/${dealer}/x`), { params: Promise.resolve({ dealer }) });

describe("every dealer route and sync action is scoped to the user's dealers", () => {
  test.each(Object.keys(routes) as (keyof typeof routes)[])("GET %s: 404 for another dealer, 401 signed out, 200 for a member", async (route) => {
    await signInAs("staff@bilhuset.test");
    expect((await call(route, "auto-gent")).status).toBe(404);
    expect((await call(route, "no-such-dealer")).status).toBe(404);
    expect((await call(route, "bilhuset")).status).toBe(200);
    await signInAs(null);
    expect((await call(route, "bilhuset")).status).toBe(401);
  });

  test("the syncs and activity answers hold only the dealer's own data", async () => {
    await signInAs("staff@bilhuset.test");
    const body = await (await call("syncs", "bilhuset")).json() as { connections: { id: string }[] };
    // Deleted (archived) connections are kept for their history but listed nowhere.
    const own = await db.connection.findMany({ where: { dealer: { slug: "bilhuset" }, archivedAt: null }, select: { id: true } });
    expect(body.connections.map((c) => c.id).sort()).toEqual(own.map((c) => c.id).sort());
    expect(JSON.stringify(body)).not.toMatch(/token|ciphertext/i);
  });

  test("the dry-run plan route: the dealer's own connections only, never a token", async () => {
    const gent = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" } } });
    const own = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "bilhuset" } } });
    const plan = (dealer: string, connection?: string) => syncPlanRoute(new Request(`http://localhost/api/d/${dealer}/syncs/plan${connection ? `?connection=${connection}` : ""}`), { params: Promise.resolve({ dealer }) });
    await signInAs("staff@bilhuset.test");
    expect((await plan("bilhuset", gent.id)).status).toBe(404);
    expect((await plan("auto-gent", gent.id)).status).toBe(404);
    expect((await plan("bilhuset")).status).toBe(400);
    const res = await plan("bilhuset", own.id);
    expect(res.status).toBe(200);
    const body = await res.json() as { connectionId: string; counts: Record<string, number>; cars: unknown[] };
    expect(body.connectionId).toBe(own.id);
    expect(Object.keys(body.counts).sort()).toEqual(["creates", "failed", "held", "offline", "removals", "unchanged", "updates"]);
    expect(JSON.stringify(body)).not.toMatch(/token|ciphertext/i);
    await signInAs(null);
    expect((await plan("bilhuset", own.id)).status).toBe(401);
  });

  test("sync actions with another dealer's connection or run are not found; viewers cannot start one", async () => {
    const gentConnection = await db.connection.findFirstOrThrow({ where: { dealer: { slug: "auto-gent" } } });
    await signInAs("staff@bilhuset.test");
    for (const dealer of ["auto-gent", "bilhuset"]) {
      expect((await syncNowAction({ dealer, connectionId: gentConnection.id })).serverError).toBe("Not found.");
      expect((await cancelSyncAction({ dealer, runId: "not-a-run" })).serverError).toBe("Not found.");
      expect((await importRemoteAction({ dealer, connectionId: gentConnection.id, references: ["X"] })).serverError).toBe("Not found.");
    }
    expect((await confirmRemovalsAction({ dealer: "bilhuset", runId: "x", listingIds: [] })).serverError).toBe("Not found."); // staff: ADMIN only
    await signInAs("viewer@autogent.test");
    expect((await syncNowAction({ dealer: "auto-gent", connectionId: gentConnection.id })).serverError).toBe("Not found.");
    expect(await db.syncRun.count({ where: { connectionId: gentConnection.id, startedById: { not: null } } })).toBe(0);
  });
});
