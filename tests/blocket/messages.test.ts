/**
 * Every refusal and report the Blocket-complete services create travels as a catalog key
 * (msg(), docs/decisions/0003-languages-and-numbers.md); each key must exist, or the reader would
 * get the generic "something went wrong" instead of the reason. The catalogs test checks that every
 * language has every English key.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_KEPT_REASONS } from "@/lib/marketplaces/blocket/import";
import en from "@/messages/en.json";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FILES = [
  "lib/marketplaces/blocket/import.ts", "lib/sync/import.ts", "lib/sync/orchestrate.ts", "lib/connections/publishing.ts",
  "lib/migration/admin-ads.ts", "lib/migration/service.ts", "lib/promotions/service.ts", "lib/promotions/budget-schema.ts",
];

const has = (key: string) => key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), en) !== undefined;

describe("service messages", () => {
  it("every literal msg() key of the new services is in the catalog", () => {
    const keys = FILES.flatMap((f) => [...readFileSync(path.join(ROOT, f), "utf8").matchAll(/msg\("([\w.]+)"/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !has(k))).toEqual([]);
  });

  it("every key built at run time is in the catalog", () => {
    const dynamic = [
      ...NOT_KEPT_REASONS.map((r) => `imports.notKept.${r}`),
      ...["bump", "polePosition"].flatMap((k) => [`promotions.noPrice.${k}`, `promotions.reason.activeUntil.${k}`, `promotions.kind.${k}`, `promotions.action.${k}`, `promotions.explain.${k}`, `promotions.dialog.title.${k}`]),
      ...["noPlate", "noPhotos", "duplicatePlate"].map((r) => `migration.heldReason.${r}`),
      ...["takesOver", "new", "newConfirmed", "alreadyLinked", "heldNoPlate", "heldNoPhotos", "heldDuplicatePlate", "notSent"].map((o) => `migration.outcome.${o}`),
      ...["SENT", "ACCEPTED", "DONE", "FAILED"].map((s) => `promotions.state.${s}`),
    ];
    expect(dynamic.filter((k) => !has(k))).toEqual([]);
  });
});
