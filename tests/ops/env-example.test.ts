/** An operator sets up Forecourt from .env.example: every variable the app reads is listed there. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ENV_NAMES } from "@/lib/env";

it(".env.example lists every variable lib/env.ts reads", () => {
  const example = readFileSync(path.join(import.meta.dirname, "../../.env.example"), "utf8");
  const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
  expect(ENV_NAMES.filter((name) => name !== "NODE_ENV" && !listed.has(name))).toEqual([]);
});
