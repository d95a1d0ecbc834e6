/** Shared set-up for the Okasie tests: a simulator on an ephemeral loopback port, and a database. */
import pg from "pg";
import { startOkasieSandbox, SANDBOX_SECRET, type RunningOkasieSandbox } from "@/sandbox/okasie";

export { SANDBOX_SECRET, READONLY_SECRET, PROFILE_IDS } from "@/sandbox/okasie";

export async function startSim(options: Parameters<typeof startOkasieSandbox>[0] = {}): Promise<RunningOkasieSandbox & {
  api: (path: string, init?: RequestInit & { json?: unknown; token?: string | null }) => Promise<{ status: number; headers: Headers; body: any; text: string }>;
  sim: (path: string, body?: unknown, method?: string) => Promise<any>;
}> {
  const s = await startOkasieSandbox(options);
  const api = async (path: string, init: RequestInit & { json?: unknown; token?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    const token = init.token === undefined ? SANDBOX_SECRET : init.token;
    if (token !== null && !headers.has("authorization") && !headers.has("x-api-key")) headers.set("authorization", `Bearer ${token}`);
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers.set("content-type", "application/json");
    }
    const res = await fetch(`${s.baseUrl}${path}`, { ...init, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed as any, text };
  };
  const sim = async (path: string, body?: unknown, method = body === undefined ? "GET" : "POST") => {
    const res = await fetch(`${s.origin}/__sim${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  };
  return Object.assign(s, { api, sim });
}

/** A complete, valid active listing body for PUT. */
export function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dealerLocationCode: "DEX-GENT",
    status: "active",
    title: "Skoda Octavia Combi 2.0 TDI",
    price: 21950,
    brand: "Skoda",
    model: "Octavia",
    year: 2020,
    mileage: 61000,
    fuelType: "diesel",
    postalCode: "9000",
    city: "Gent",
    province: "Oost-Vlaanderen",
    ...overrides,
  };
}

/**
 * The test run's database: the globalSetup's (tests/setup/env.ts sets DATABASE_URL), or one
 * given in the environment. The rate_budget table comes from the migrations; created here only
 * if a bare database is used.
 */
export async function testPool(): Promise<pg.Pool> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the tests through vitest's globalSetup or set it");
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  await pool.query(`CREATE TABLE IF NOT EXISTS rate_budget (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
  return pool;
}
