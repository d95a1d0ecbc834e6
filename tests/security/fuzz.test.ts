/**
 * Every server action and route handler, fuzzed (issue #11, "Also"): random and hostile input —
 * wrong types, huge strings, unicode, NUL bytes, negative and huge numbers, another dealer's ids —
 * never ends in an unhandled error or a 500, is answered with a field-level message (or "not
 * found" for what the user cannot reach), and changes no row. Actions and routes are discovered
 * from the source tree (fuzz/surface.ts), so new ones are fuzzed without being listed here.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { session } from "../foundation/session";
import { actionInfo, installCapture } from "./fuzz/capture";
import { hostileObject, hostileScalar, plausible } from "./fuzz/arbitraries";
import { checksum, createWorld, otherDealerIds, type World } from "./fuzz/world";
import { importPath, routeModules, routePath, serverActionModules, strayServerFunctions } from "./fuzz/surface";
import { db } from "@/lib/db";
import { PEER_HEADER } from "@/lib/auth/client-address";
import { parseMessage } from "@/lib/i18n/message";
import type { SessionUser } from "@/lib/auth/session";

// The request a server action runs in: headers (with the server's peer stamp) and a cookie jar.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", [PEER_HEADER]: "203.0.113.77" }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string | { name: string; value: string }, value?: string) => { if (typeof name === "string") jar.set(name, value ?? ""); else jar.set(name.name, name.value); },
    delete: (name: string) => jar.delete(name),
  }),
}));

installCapture();

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const GENERIC = "Something went wrong on our side. Try again; if it keeps failing, tell your admin.";
const english = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;
const catalogHas = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], english) !== undefined;

type ActionFn = (input?: unknown) => Promise<{ data?: unknown; serverError?: string; validationErrors?: unknown } | undefined>;
interface Action { id: string; fn: ActionFn; schema: unknown; name?: string }
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface Route { id: string; path: string; method: string; handler: Handler }

let world: World;
const actions: Action[] = [];
const routes: Route[] = [];
const errors: string[] = [];
const consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => { errors.push(args.map(String).join(" ")); });

const asUser = (u: { id: string; email: string; name: string; isPlatformAdmin: boolean } | null) => {
  session.user = u ? ({ id: u.id, email: u.email, name: u.name, isPlatformAdmin: u.isPlatformAdmin } satisfies SessionUser) : null;
};

/** Navigation (redirect after sign-out) is how Next.js ends an action on purpose, not a failure. */
const isNavigation = (e: unknown) => typeof (e as { digest?: unknown })?.digest === "string" && /^NEXT_(REDIRECT|NOT_FOUND|HTTP_ERROR)/.test((e as { digest: string }).digest);

function messagesIn(errors: unknown, out: string[] = []): string[] {
  if (!errors || typeof errors !== "object") return out;
  for (const [key, value] of Object.entries(errors)) {
    if (key === "_errors" && Array.isArray(value)) out.push(...value.map(String));
    else messagesIn(value, out);
  }
  return out;
}

/** Calls an action; returns a description of what is wrong with its answer, or null. */
async function callAction(action: Action, input: unknown): Promise<string | null> {
  errors.length = 0;
  let result: Awaited<ReturnType<ActionFn>>;
  try {
    result = await action.fn(input);
  } catch (e) {
    if (isNavigation(e)) return null;
    return `threw ${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 200)}`;
  }
  if (errors.some((line) => line.startsWith("[action"))) return `logged an unexpected failure: ${errors.join(" / ").slice(0, 300)}`;
  if (result?.serverError === GENERIC) return "answered with the generic 'something went wrong'";
  return null;
}

function fieldLevel(result: Awaited<ReturnType<ActionFn>>): string | null {
  if (result?.serverError) return null; // a refusal in words ("Not found.", "Your session has ended…")
  const messages = messagesIn(result?.validationErrors);
  if (messages.length === 0) return `accepted input its schema refuses: ${JSON.stringify(result).slice(0, 200)}`;
  for (const m of messages) {
    if (!m.trim()) return "an empty validation message";
    const parsed = parseMessage(m);
    if (parsed && !catalogHas(parsed.key)) return `a validation message with no catalog entry: ${parsed.key}`;
  }
  return null;
}

beforeAll(async () => {
  world = await createWorld();
  for (const file of serverActionModules()) {
    const exported = (await import(/* @vite-ignore */ importPath(file))) as Record<string, unknown>;
    for (const [exportName, fn] of Object.entries(exported)) {
      if (typeof fn !== "function") continue;
      const info = actionInfo(fn);
      actions.push({ id: `${file}#${exportName}`, fn: fn as ActionFn, schema: info?.schema, name: info?.name });
    }
  }
  for (const file of routeModules()) {
    const exported = (await import(/* @vite-ignore */ importPath(file))) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof exported[method] === "function") routes.push({ id: `${method} ${routePath(file)}`, path: routePath(file), method, handler: exported[method] as Handler });
    }
  }
}, 120_000);

afterAll(() => {
  consoleError.mockRestore();
});

describe("the attack surface", () => {
  test("every server function lives in a \"use server\" module under app/, where this test finds it", () => {
    expect(strayServerFunctions()).toEqual([]);
  });

  test("every server action is built on the action chain (lib/actions.ts), with its input schema", () => {
    expect(actions.length).toBeGreaterThan(20);
    const outside = actions.filter((a) => !actionInfo(a.fn));
    expect(outside.map((a) => a.id)).toEqual([]);
    expect(routes.map((r) => r.id)).toContain("GET /api/d/[dealer]/listings");
  });
});

describe("server actions under hostile input", () => {
  test("input their schema refuses gets a field-level message (or not found), no error, and changes nothing", async () => {
    const personas = () => [world.people.aAdmin, world.people.platformAdmin, world.people.aViewer, null];
    for (const action of actions.filter((a) => a.schema)) {
      const schema = action.schema as { "~standard": { validate: (v: unknown) => unknown } };
      const otherIds = otherDealerIds(world);
      const input = fc.oneof(
        { weight: 1, arbitrary: hostileScalar(otherIds) },
        { weight: 5, arbitrary: hostileObject(schema, otherIds, { dealer: fc.oneof(fc.constant(world.a.dealer.slug), hostileScalar(otherIds)) }) },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...personas()), input, async (persona, value) => {
          const verdict = await (schema["~standard"].validate(value) as Promise<{ issues?: unknown }> | { issues?: unknown });
          fc.pre(!!verdict.issues); // only what the schema refuses
          asUser(persona);
          const before = await checksum(world);
          const problem = await callAction(action, value);
          const result = problem ? undefined : await action.fn(value).catch(() => undefined);
          expect(problem, action.id).toBeNull();
          expect(result === undefined ? null : fieldLevel(result), action.id).toBeNull();
          expect(await checksum(world), `${action.id} changed data`).toBe(before);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 900_000);

  test("another dealer's admin, with plausible input and this dealer's real ids, reaches nothing", async () => {
    const victimIds = [world.a.dealer.id, world.a.connection.id, world.a.run.id, ...world.a.listings.map((l) => l.id), ...world.a.listings.map((l) => l.reference), world.people.aStaff.id, world.people.aViewer.id];
    const emails = [world.people.aStaff.email, world.people.aAdmin.email];
    for (const action of actions) {
      const shape = action.schema ? hostileObject(action.schema, [], {}) : fc.constant(undefined);
      const keys = Object.keys((action.schema as { shape?: object } | undefined)?.shape ?? {});
      const input = keys.length
        ? fc.record(Object.fromEntries(keys.map((k) => [k, k === "dealer" ? fc.constantFrom(world.a.dealer.slug, world.b.dealer.slug) : plausible(victimIds, emails)])), { requiredKeys: keys.includes("dealer") ? ["dealer"] : [] })
        : shape;
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          asUser(world.people.bAdmin);
          const before = await checksum(world);
          const problem = await callAction(action, value);
          expect(problem, action.id).toBeNull();
          // Sign-out and language actions act on the caller alone: that is not reaching dealer A.
          const selfOnly = /^(auth\.signOut|auth\.signOutEverywhere|language\.choose|profile\.language)$/.test(action.name ?? "");
          if (!selfOnly) expect(await checksum(world), `${action.id} changed data`).toBe(before);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 900_000);
});

describe("route handlers under hostile input", () => {
  test("never a 500 or an unhandled error, always a body, and nothing changes", async () => {
    const QUERY_KEYS = ["q", "sort", "dir", "page", "pageSize", "status", "make", "filter", "channel", "cursor", "since", "before", "connectionId", "listingId", "runId", "limit", "callbackUrl", "csrfToken", "__proto__"];
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("", "-1", "1e308", "NaN", "9".repeat(400), "A".repeat(20_000), "auto-gent", "\u0000", "%", "%zz", "[]", "{}", "x:/\\evil.example"));
    const personas = [world.people.aAdmin, world.people.bAdmin, world.people.platformAdmin, null];
    for (const route of routes) {
      const segments = [...route.path.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)].map((m) => ({ name: m[2], catchAll: !!m[1] }));
      const params = fc.record(Object.fromEntries(segments.map((s) => [s.name, s.catchAll
        ? fc.array(fc.oneof(fc.constantFrom("session", "csrf", "signin", "signout", "callback", "credentials", "providers", "error"), text), { minLength: 1, maxLength: 3 })
        : fc.oneof(fc.constantFrom(world.a.dealer.slug, world.b.dealer.slug), text)])));
      const query = fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), text), { maxLength: 5 });
      const body = fc.oneof(fc.constant(""), fc.string({ maxLength: 200 }), fc.array(fc.tuple(fc.constantFrom("email", "password", "csrfToken", "callbackUrl", "json"), text), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...personas), params, query, body, async (persona, p, q, b) => {
          asUser(persona);
          const path = route.path.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, _dots, name: string) => {
            const v = p[name];
            return (Array.isArray(v) ? v : [v]).map((x) => encodeURIComponent(String(x))).join("/");
          });
          const search = new URLSearchParams(q.map(([k, v]) => [k, v])).toString();
          const init = route.method === "GET" ? {} : { method: route.method, body: b, headers: { "content-type": "application/x-www-form-urlencoded" } };
          const request = new NextRequest(`http://localhost:3000${path}${search ? `?${search}` : ""}`, { ...init, headers: { ...(init as { headers?: Record<string, string> }).headers, [PEER_HEADER]: "203.0.113.78" } });
          errors.length = 0;
          const before = await checksum(world);
          let response: Response;
          try {
            response = await route.handler(request, { params: Promise.resolve(p as Record<string, string | string[]>) });
          } catch (e) {
            throw new Error(`${route.id} threw ${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 200)}`);
          }
          expect(response.status, `${route.id} ${path}?${search}`).toBeLessThan(500);
          await response.text(); // a streamed body (CSV) must not fail half-way either
          expect(await checksum(world), `${route.id} changed data`).toBe(before);
        }),
        { numRuns: RUNS * 2, endOnFailure: true },
      );
    }
  }, 900_000);
});

afterAll(async () => {
  await db.$disconnect();
});
