/**
 * Reading the audit trail (issue #15): filtered by who, what (the event type), dealer and period,
 * newest first, paged by a cursor over (time, id). The scope is decided by the caller's page from
 * the session and enforced here: a platform admin may read every dealer's events (and the
 * platform's own); a dealer's admin only that dealer's, whatever the filters say.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditScope = { kind: "platform" } | { kind: "dealer"; dealerId: string };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/** The filters as they travel in the URL (shareable); anything malformed is dropped, never an error. */
export const auditQuerySchema = z.object({
  who: z.string().max(40).regex(/^[\w-]+$/).optional().catch(undefined),
  what: z.string().max(60).regex(/^[a-zA-Z_]+\.[a-zA-Z_]+$/).optional().catch(undefined),
  /** A dealer's slug (platform scope only). */
  dealer: z.string().max(60).regex(/^[a-z0-9-]+$/).optional().catch(undefined),
  /** Days, inclusive, in UTC. */
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  take: z.coerce.number().int().min(1).max(100).catch(50).default(50),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  dealer: { id: string; name: string; slug: string } | null;
  targetType: string;
  targetId: string | null;
  data: unknown;
}

export interface AuditPage {
  events: AuditRow[];
  nextCursor: string | null;
  /** Choices for the filters, within the viewer's scope. */
  options: { actions: string[]; people: { id: string; name: string }[]; dealers: { slug: string; name: string }[] };
}

function readCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(at))) return null;
    return { at: new Date(at), id };
  } catch {
    return null;
  }
}
const writeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id]), "utf8").toString("base64url");

export async function auditLog(scope: AuditScope, q: AuditQuery): Promise<AuditPage> {
  const scoped: Prisma.AuditEventWhereInput = scope.kind === "dealer" ? { dealerId: scope.dealerId } : {};
  const dealerFilter: Prisma.AuditEventWhereInput = scope.kind === "platform" && q.dealer ? { dealer: { slug: q.dealer } } : {};
  const cursor = readCursor(q.cursor);
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      scoped,
      dealerFilter,
      q.who ? { actorId: q.who } : {},
      q.what ? { action: q.what } : {},
      q.from || q.to ? { createdAt: { ...(q.from ? { gte: new Date(`${q.from}T00:00:00Z`) } : {}), ...(q.to ? { lt: new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) } : {}) } } : {},
      cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {},
    ],
  };
  const [rows, actions, actors, dealers] = await Promise.all([
    db.auditEvent.findMany({
      where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.take + 1,
      select: { id: true, createdAt: true, action: true, targetType: true, targetId: true, data: true, actor: { select: { id: true, name: true, email: true } }, dealer: { select: { id: true, name: true, slug: true } } },
    }),
    db.auditEvent.findMany({ where: scoped, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ where: { ...scoped, actorId: { not: null } }, distinct: ["actorId"], select: { actor: { select: { id: true, name: true, email: true } } } }),
    scope.kind === "platform" ? db.dealer.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
  ]);
  const page = rows.slice(0, q.take);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => ({ id: r.id, at: r.createdAt, action: r.action, actor: r.actor, dealer: r.dealer, targetType: r.targetType, targetId: r.targetId, data: r.data })),
    nextCursor: rows.length > q.take && last ? writeCursor(last.createdAt, last.id) : null,
    options: {
      actions: actions.map((a) => a.action),
      people: actors.flatMap((a) => (a.actor ? [{ id: a.actor.id, name: a.actor.name || a.actor.email }] : [])).sort((a, b) => a.name.localeCompare(b.name)),
      dealers,
    },
  };
}

/** What a sentence about an event may say: the same keys for every event, so no message lacks an argument. */
export interface SentenceValues {
  [key: string]: string | number;
  target: string;
  count: number;
  from: string;
  to: string;
  role: string;
  status: string;
  kind: string;
}

/**
 * The facts of an event's data that its sentence names (never a secret: the data holds none).
 * `target` is what the event was about in words a person recognises (a car's reference, a
 * connection's or dealer's name, a person's e-mail).
 */
export function sentenceValues(event: Pick<AuditRow, "data">): SentenceValues {
  const d = (event.data && typeof event.data === "object" && !Array.isArray(event.data) ? event.data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  const len = (v: unknown) => (Array.isArray(v) ? v.length : null);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return {
    target: str(d.reference) || str(d.name) || str(d.email) || str(d.slug) || str(d.currency) || "",
    count: num(d.count) ?? num(d.removals) ?? num(d.cars) ?? num(d.restored) ?? len(d.ids) ?? len(d.references) ?? 1,
    from: str(d.from) || str(d.fromLast4),
    to: str(d.to) || str(d.toLast4),
    role: str(d.role),
    status: str(d.status),
    kind: str(d.kind),
  };
}
