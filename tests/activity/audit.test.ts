/**
 * The audit log (issue #15): filters by who, what, dealer and period return only matching events;
 * a dealer-scoped viewer never reads another dealer's events, whatever the URL says; paging shows
 * every event once; every event type the code records has a sentence in every language.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { auditLog, auditQuerySchema, sentenceValues, type AuditScope } from "@/lib/audit-log";

const q = (over: Record<string, unknown> = {}) => auditQuerySchema.parse(over);

async function world() {
  const tag = randomUUID().slice(0, 8);
  const [gent, liege] = await Promise.all([
    db.dealer.create({ data: { slug: `gent-${tag}`, name: `Gent ${tag}`, country: "BE" } }),
    db.dealer.create({ data: { slug: `liege-${tag}`, name: `Liège ${tag}`, country: "BE" } }),
  ]);
  const [els, marc] = await Promise.all([
    db.user.create({ data: { email: `els-${tag}@audit.test`, name: "Els", passwordHash: "x" } }),
    db.user.create({ data: { email: `marc-${tag}@audit.test`, name: "Marc", passwordHash: "x" } }),
  ]);
  const at = (iso: string) => new Date(iso);
  const events = [
    { actorId: els.id, dealerId: gent.id, action: "listing.updated", targetType: "Listing", data: { reference: "AG-1" }, at: at("2026-11-01T10:00:00Z") },
    { actorId: els.id, dealerId: gent.id, action: "connection.token_rotated", targetType: "Connection", data: { name: "Okasie", fromLast4: "1111", toLast4: "2222" }, at: at("2026-11-10T10:00:00Z") },
    { actorId: marc.id, dealerId: gent.id, action: "listing.updated", targetType: "Listing", data: { reference: "AG-2" }, at: at("2026-11-20T10:00:00Z") },
    { actorId: marc.id, dealerId: liege.id, action: "listing.updated", targetType: "Listing", data: { reference: "LG-1" }, at: at("2026-11-10T12:00:00Z") },
    { actorId: marc.id, dealerId: liege.id, action: "membership.role_changed", targetType: "Membership", data: { email: "x@y.test", from: "STAFF", to: "ADMIN" }, at: at("2026-11-11T12:00:00Z") },
  ];
  for (const e of events) {
    await recordAudit({ actorId: e.actorId, dealerId: e.dealerId, action: e.action, targetType: e.targetType, data: e.data });
    // Each at its own time, so the period filter has something to tell apart.
    await db.auditEvent.updateMany({ where: { dealerId: e.dealerId, action: e.action, data: { equals: e.data } }, data: { createdAt: e.at } });
  }
  return { gent, liege, els, marc };
}

const refs = (page: Awaited<ReturnType<typeof auditLog>>) => page.events.map((e) => String((e.data as { reference?: string; name?: string; email?: string }).reference ?? (e.data as { name?: string }).name ?? (e.data as { email?: string }).email)).sort();

describe("audit log filters", () => {
  it("who, what, dealer and period each return only matching events", async () => {
    const { gent, liege, els, marc } = await world();
    const platform: AuditScope = { kind: "platform" };
    // Period narrows to these tests' events (other tests write audit events today).
    const ours = { from: "2026-11-01", to: "2026-11-20" };
    expect(refs(await auditLog(platform, q({ ...ours, dealer: gent.slug })))).toEqual(["AG-1", "AG-2", "Okasie"]);
    expect(refs(await auditLog(platform, q({ ...ours, dealer: gent.slug, who: els.id })))).toEqual(["AG-1", "Okasie"]);
    expect(refs(await auditLog(platform, q({ ...ours, who: marc.id, what: "listing.updated" })))).toEqual(["AG-2", "LG-1"]);
    expect(refs(await auditLog(platform, q({ dealer: gent.slug, from: "2026-11-05", to: "2026-11-10" })))).toEqual(["Okasie"]);
    expect(refs(await auditLog(platform, q({ dealer: liege.slug, to: "2026-11-10" })))).toEqual(["LG-1"]);
    // The filter choices offer the event types and people seen.
    const options = (await auditLog({ kind: "dealer", dealerId: liege.id }, q())).options;
    expect(options.actions).toEqual(["listing.updated", "membership.role_changed"]);
    expect(options.people.map((p) => p.name)).toEqual(["Marc"]);
    expect(options.dealers).toEqual([]);
  });

  it("a dealer-scoped viewer never reads another dealer's events, whatever the filters say", async () => {
    const { gent, liege, marc } = await world();
    const scope: AuditScope = { kind: "dealer", dealerId: gent.id };
    for (const filters of [{}, { dealer: liege.slug }, { who: marc.id }, { what: "membership.role_changed" }, { from: "2026-11-11", to: "2026-11-11" }]) {
      const page = await auditLog(scope, q({ ...filters, take: 100 }));
      expect(page.events.every((e) => e.dealer?.id === gent.id)).toBe(true);
    }
    expect(refs(await auditLog(scope, q({ who: marc.id })))).toEqual(["AG-2"]);
    expect((await auditLog(scope, q({ what: "membership.role_changed" }))).events).toEqual([]);
  });

  it("paging returns every event exactly once", async () => {
    const { gent } = await world();
    for (let i = 0; i < 7; i++) await recordAudit({ actorId: null, dealerId: gent.id, action: "listing.deleted", targetType: "Listing", data: { references: [`X-${i}`] } });
    const all = (await auditLog({ kind: "dealer", dealerId: gent.id }, q({ take: 100 }))).events.map((e) => e.id);
    expect(all.length).toBe(10);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await auditLog({ kind: "dealer", dealerId: gent.id }, q({ take: 3, cursor }));
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});

describe("audit sentences", () => {
  /** Every event type the code records (`action: "x.y"` literals and the promotion kinds). */
  function recordedActions(): string[] {
    const found = new Set<string>(["promotion.bump", "promotion.polePosition", "listing.channel_enabled", "listing.channel_disabled", "membership.added", "connection.enabled", "connection.disabled"]);
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === "generated") continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".ts")) for (const m of readFileSync(path, "utf8").matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]);
      }
    };
    walk("lib");
    return [...found].sort();
  }

  it("each event type reads as a sentence in every language, with its facts and without its key", () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(25);
    for (const locale of ["nl", "fr", "sv", "en"]) {
      const messages = JSON.parse(readFileSync(`messages/${locale}.json`, "utf8"));
      const t = createTranslator({ locale: locale as never, messages, namespace: "auditLog" });
      for (const action of actions) {
        const key = action.replace(".", "_");
        expect(messages.auditLog.sentences[key], `${locale} ${action}`).toBeTypeOf("string");
        expect(messages.auditLog.types[key], `${locale} ${action}`).toBeTypeOf("string");
        const sentence = t(`sentences.${key}` as "sentences.listing_updated", { ...sentenceValues({ data: { reference: "AG-7", count: 3 } }), actor: "Els" });
        expect(sentence).toContain("Els");
        expect(sentence).not.toContain(action);
        expect(sentence).not.toContain("{");
      }
    }
    const en = createTranslator({ locale: "en" as never, messages: JSON.parse(readFileSync("messages/en.json", "utf8")), namespace: "auditLog" });
    expect(en("sentences.listing_updated", { ...sentenceValues({ data: { reference: "AG-7" } }), actor: "Els" })).toBe("Els changed the car AG-7");
  });
});
