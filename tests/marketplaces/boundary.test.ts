/**
 * The marketplace boundary, checked on the source: only the registry maps a marketplace to its
 * module; marketplace modules touch no database and no environment; server halves are guarded so
 * they cannot reach a browser bundle; configuration is read in lib/env.ts only; and every
 * registered module's runtime offers exactly the capabilities its descriptor declares.
 */
import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createMemoryBudget } from "@/lib/marketplaces/pacer";
import { marketplaceDescriptors } from "@/lib/marketplaces/registry";
import { runtimeOf } from "@/lib/marketplaces/registry/server";

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) {
      if (rel !== path.join("lib", "generated")) out.push(...files(rel));
    } else if (/\.(ts|tsx)$/.test(name)) out.push(rel);
  }
  return out;
}
const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const MARKETPLACE_DIRS = /^lib\/marketplaces\/(okasie|blocket)\//;

describe("the marketplace boundary", () => {
  test("outside the marketplace folders, only the registry names a marketplace (the issue's measure)", () => {
    const naming = ["lib", "components", "app"].flatMap(files)
      .filter((f) => !MARKETPLACE_DIRS.test(f))
      .filter((f) => /"(OKASIE|BLOCKET)"|marketplaces\/(okasie|blocket)\//.test(source(f)));
    expect(naming.sort()).toEqual(["lib/marketplaces/registry/index.ts", "lib/marketplaces/registry/server.ts"]);
  });

  test("marketplace modules touch no database, no environment and no sync code", () => {
    const modules = files("lib/marketplaces");
    const offenders = modules.filter((f) => /from "(pg|@\/lib\/db|@\/lib\/env|@\/lib\/generated\/[^"]*|@\/lib\/sync\/[^"]*)"|process\.env/.test(source(f).replace(/^\s*(\*|\/\/).*$/gm, "")));
    expect(offenders.filter((f) => f !== "lib/marketplaces/pacer.ts" && f !== "lib/marketplaces/registry/server.ts")).toEqual([]);
    // The shared pacer takes the caller's pool as a type only.
    expect(source("lib/marketplaces/pacer.ts")).toMatch(/import type \{ Pool \} from "pg"/);
  });

  test("server halves carry the server-only guard; descriptors never reach them", () => {
    const guarded = [
      "lib/marketplaces/http.ts", "lib/marketplaces/pacer.ts", "lib/marketplaces/registry/server.ts",
      "lib/connections/endpoint.ts", "lib/connections/service.ts", "lib/sync/adapters.ts", "lib/sync/context.ts",
      ...files("lib/marketplaces").filter((f) => /\/(runtime|adapter|client)\.ts$/.test(f)),
    ];
    for (const f of guarded) expect(source(f), f).toMatch(/^import "server-only";$/m);

    // Follow each descriptor's imports inside lib/marketplaces: none may lead to a guarded module.
    const resolve = (from: string, spec: string) => {
      const base = spec.startsWith("@/") ? spec.slice(2) : path.join(path.dirname(from), spec);
      return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((c) => { try { return statSync(path.join(ROOT, c)).isFile(); } catch { return false; } });
    };
    const reach = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const [, spec] of source(file).matchAll(/^import (?!type )[^;]*?from "([^"]+)";/gms)) {
        if (!spec.startsWith(".") && !spec.startsWith("@/")) continue;
        const target = resolve(file, spec);
        if (target) reach(target, seen);
      }
      return seen;
    };
    const clientSafe = ["lib/marketplaces/registry/index.ts", "lib/listings/preflight.ts", "lib/connections/schemas.ts"];
    for (const entry of clientSafe) {
      const reached = [...reach(entry)];
      expect(reached.filter((f) => /^import "server-only";$/m.test(source(f))), entry).toEqual([]);
      expect(reached, entry).toContain("lib/marketplaces/okasie/descriptor.ts");
    }
  });

  test("configuration is read in lib/env.ts only (lib/auth moves its reads separately)", () => {
    const readers = files("lib").filter((f) => !f.startsWith("lib/auth/") && /process\.env/.test(source(f).replace(/^\s*(\*|\/\/).*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "")));
    expect(readers).toEqual(["lib/env.ts"]);
  });
});

describe("capabilities", () => {
  test("every registered runtime offers exactly what its descriptor declares", () => {
    for (const d of marketplaceDescriptors()) {
      const adapter = runtimeOf(d.id).createAdapter({ budget: createMemoryBudget([{ points: 10, durationSec: 1 }]), log: () => {}, settings: { maxResponseBytes: 1024, maxPages: 1 } });
      const c = d.capabilities;
      expect(adapter.marketplace, d.id).toBe(d.id);
      expect(typeof adapter.logs === "function", `${d.id} logs`).toBe(c.logMirroring);
      expect(typeof adapter.bump === "function", `${d.id} bump`).toBe(c.paidPromotions.includes("bump"));
      expect(typeof adapter.polePosition === "function", `${d.id} polePosition`).toBe(c.paidPromotions.includes("polePosition"));
      expect(typeof adapter.importExisting?.toListing === "function", `${d.id} importExisting`).toBe(c.importExisting);
      expect(d.officialBaseUrl, d.id).toMatch(/^https:\/\//);
      expect(d.identity.form.length, d.id).toBeGreaterThan(0);
    }
  });
});
