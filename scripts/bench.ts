/**
 * `npm run bench -- NAME`: runs scripts/bench/NAME.ts (okasie, blocket, listings, listings-js, sync,
 * photos), which prints one JSON line per figure.
 */
import { readdirSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
const dir = path.join(import.meta.dirname, "bench");
const available = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, ""));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join("|")}>`);
  process.exit(2);
}
const mod = (await import(path.join(dir, `${name}.ts`))) as { default: () => Promise<void> };
await mod.default();
process.exit(0);
