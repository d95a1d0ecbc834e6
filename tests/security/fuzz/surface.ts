/**
 * The attack surface, discovered from the source tree so that an action or route added by anyone
 * is fuzzed without being registered: every module under app/ that starts with "use server", and
 * every app/**\/route.ts. Server functions declared anywhere else (an inline "use server" inside a
 * component) could not be found this way, so the test refuses them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(entry) && !/\.(test|spec)\.tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file);
const USE_SERVER = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;

/** Modules whose every export is a server action. */
export function serverActionModules(): string[] {
  return walk(path.join(ROOT, "app")).filter((f) => USE_SERVER.test(readFileSync(f, "utf8"))).map(rel).sort();
}

/** Files that declare a server function somewhere other than a "use server" module's top. */
export function strayServerFunctions(): string[] {
  return ["app", "components", "lib"].flatMap((d) => walk(path.join(ROOT, d)))
    .filter((f) => {
      const text = readFileSync(f, "utf8");
      return /["']use server["']/.test(text) && !USE_SERVER.test(text);
    })
    .map(rel)
    .sort();
}

export function routeModules(): string[] {
  return walk(path.join(ROOT, "app")).filter((f) => path.basename(f) === "route.ts").map(rel).sort();
}

/** The URL path a route file serves, with its dynamic segments (`/api/d/[dealer]/listings`). */
export function routePath(file: string): string {
  const parts = path.dirname(file).split(path.sep).slice(1).filter((p) => !/^\(.*\)$/.test(p));
  return "/" + parts.join("/");
}

export const importPath = (file: string) => "@/" + file.replace(/\.tsx?$/, "");
