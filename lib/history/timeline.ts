/**
 * A car's history and the dealer's Activity page (issue #15, readable history): one entry per
 * change, newest first.
 *
 * - An **edit** (an editor save, a CSV/XLSX import, a bulk edit, an undo): who, the fields it
 *   changed (old → new), and per marketplace the outcome of the first sync that sent it (or that
 *   it still waits for one).
 * - A **sync** that no edit explains (a first publication, a removal, a retry): who started it
 *   (a person, the schedule, the worker) and each marketplace's outcome.
 * - A marketplace's own **log** (capability logMirroring: Blocket), one entry per request_id with
 *   its lines folded.
 *
 * A sync item belongs to an edit exactly when that edit happened after the previous sync item of
 * the same car on the same connection and before this one; it is then shown inside the edit, never
 * on its own. Paged by a cursor over (time, key), so every entry shows exactly once. Every query
 * filters by dealerId.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { FieldChange } from "@/lib/sync/diff";
import { snapshotChanges, storedChanges, type SnapshotLike } from "@/lib/history/changes";
import { OUTCOME_TONE, SHOWN_TONE, shownState, shownWords, syncOutcomeWord } from "@/lib/publications/shown-state";
import { stateCapabilitiesOf } from "@/lib/publications/state-capabilities";

export const historyQuerySchema = z.object({
  listingId: z.string().max(40).optional().catch(undefined),
  marketplace: z.string().refine(isMarketplaceId).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  take: z.coerce.number().int().min(1).max(100).catch(20).default(20),
});
export type HistoryQuery = z.output<typeof historyQuerySchema>;

export interface Warning { field?: string; severity?: string; code?: string; message?: string }

/** What one marketplace made of a change, in that marketplace's state words (lib/publications/shown-state.ts). */
export interface Outcome {
  /** Catalog key under `publication.` ("short.live", "outcome.markedSold", …; may use `{marketplace}`), and its tone. */
  word: string;
  tone: "gray" | "green" | "amber" | "blue" | "red";
  connectionName: string;
  marketplace: string;
  marketplaceLabel: string;
  /** A PublicationState: QUEUED while the change waits for a sync. */
  state: string;
  /** The sync's action (create, update, remove, preflight); null while waiting. */
  action: string | null;
  code: string | null;
  message: string | null;
  warnings: Warning[];
  at: string | null;
}

export type Who =
  | { by: "user"; name: string }
  | { by: "import" | "bulk" | "undo"; name: string | null }
  | { by: "schedule" | "save" | "worker" }
  | { by: "manual"; name: string | null };

export interface LogLine { at: string; action: string; state: string; message: string | null }

export interface HistoryEntry {
  id: string;
  at: string;
  kind: "edit" | "sync" | "log";
  car: { id: string | null; reference: string; name: string | null; cover: string | null };
  who: Who | null;
  /** edit: the fields it changed (created: every filled field). */
  changes: FieldChange[];
  /** The change created (or an undo deleted) the car. */
  created?: boolean;
  /** The car's currency, for money values. */
  currency: string | null;
  outcomes: Outcome[];
  /** log: the marketplace's lines of one request, oldest first. */
  log?: { marketplace: string; marketplaceLabel: string; connectionName: string; requestId: string | null; state: string; lines: LogLine[] };
}

export interface HistoryPage { entries: HistoryEntry[]; nextCursor: string | null; marketplaces: { id: string; label: string }[] }

const labelOf = (m: string) => (isMarketplaceId(m) ? descriptorOf(m).label : m);
const asyncWrites = (m: string) => isMarketplaceId(m) && descriptorOf(m).capabilities.asyncWrites;

/** Times as the database keeps them (timestamp(3), UTC): text both ways, so a cursor is exact. */
const TIME = (col: Prisma.Sql) => Prisma.sql`to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function readCursor(cursor: string | undefined): { at: string; key: string } | null {
  if (!cursor) return null;
  try {
    const [at, key] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at !== "string" || typeof key !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at)) return null;
    return { at, key };
  } catch {
    return null;
  }
}
const writeCursor = (at: string, key: string) => Buffer.from(JSON.stringify([at, key]), "utf8").toString("base64url");
/** "2026-11-27T12:00:00.000Z" → a timestamp literal the database compares exactly. */
const dbTime = (iso: string) => iso.replace("T", " ").replace("Z", "");

interface Row { kind: "edit" | "sync" | "log"; key: string; listing_id: string | null; at: string }

export async function history(dealerId: string, q: HistoryQuery): Promise<HistoryPage> {
  const connections = await db.connection.findMany({ where: { dealerId }, select: { id: true, name: true, marketplace: true, enabled: true, archivedAt: true } });
  const byConnection = new Map(connections.map((c) => [c.id, c]));
  const chosen = connections.filter((c) => !q.marketplace || c.marketplace === q.marketplace).map((c) => c.id);
  const cursor = readCursor(q.cursor);
  const listing = (col: Prisma.Sql) => (q.listingId ? Prisma.sql`AND ${col} = ${q.listingId}` : Prisma.empty);
  const inChosen = (col: Prisma.Sql) => (chosen.length ? Prisma.sql`AND ${col} IN (${Prisma.join(chosen)})` : Prisma.sql`AND false`);
  const after = cursor ? Prisma.sql`WHERE (at < ${dbTime(cursor.at)}::timestamp OR (at = ${dbTime(cursor.at)}::timestamp AND key COLLATE "C" < ${cursor.key}))` : Prisma.empty;

  const rows = await db.$queryRaw<Row[]>`
    WITH edits AS (
      SELECT 'a:' || a.id AS key, a."targetId" AS listing_id, a."createdAt" AS at
        FROM "AuditEvent" a
       WHERE a."dealerId" = ${dealerId} AND a."targetType" = 'Listing' AND a."targetId" IS NOT NULL
         AND jsonb_typeof(a.data->'changes') = 'array' AND jsonb_array_length(a.data->'changes') > 0 ${listing(Prisma.sql`a."targetId"`)}
      UNION ALL
      SELECT 'c:' || cs.id || ':' || (e->>'listingId'), e->>'listingId', cs."createdAt"
        FROM "ListingChangeSet" cs CROSS JOIN LATERAL jsonb_array_elements(cs.entries) e
       WHERE cs."dealerId" = ${dealerId} AND (e->'before') IS DISTINCT FROM (e->'after') ${listing(Prisma.sql`e->>'listingId'`)}
      UNION ALL
      SELECT 'u:' || cs.id || ':' || (e->>'listingId'), e->>'listingId', cs."undoneAt"
        FROM "ListingChangeSet" cs CROSS JOIN LATERAL jsonb_array_elements(cs.entries) e
       WHERE cs."dealerId" = ${dealerId} AND cs."undoneAt" IS NOT NULL AND (e->'before') IS DISTINCT FROM (e->'after') ${listing(Prisma.sql`e->>'listingId'`)}
    ),
    sends AS (
      SELECT 's:' || si.id AS key, si."listingId" AS listing_id, si."createdAt" AS at
        FROM "SyncItem" si JOIN "SyncRun" r ON r.id = si."syncRunId" AND r."dealerId" = si."dealerId"
       WHERE si."dealerId" = ${dealerId} AND si.action <> 'skip' ${listing(Prisma.sql`si."listingId"`)} ${inChosen(Prisma.sql`r."connectionId"`)}
         AND NOT EXISTS (
           SELECT 1 FROM edits e
            WHERE e.listing_id = si."listingId" AND e.at < si."createdAt"
              AND e.at > COALESCE((
                SELECT max(p."createdAt") FROM "SyncItem" p JOIN "SyncRun" pr ON pr.id = p."syncRunId"
                 WHERE p."dealerId" = si."dealerId" AND p."listingId" = si."listingId" AND pr."connectionId" = r."connectionId"
                   AND p.action <> 'skip' AND p."createdAt" < si."createdAt"), '-infinity'::timestamp))
    ),
    logs AS (
      SELECT 'l:' || l."connectionId" || ':' || COALESCE('r:' || l."requestId", 'i:' || l.id) AS key, min(l."listingId") AS listing_id, max(l.at) AS at
        FROM "AdLog" l
       WHERE l."dealerId" = ${dealerId} ${listing(Prisma.sql`l."listingId"`)} ${inChosen(Prisma.sql`l."connectionId"`)}
       GROUP BY 1
    ),
    everything AS (
      SELECT 'edit' AS kind, key, listing_id, at FROM edits
      UNION ALL SELECT 'sync', key, listing_id, at FROM sends
      UNION ALL SELECT 'log', key, listing_id, at FROM logs
    )
    SELECT kind, key, listing_id, ${TIME(Prisma.sql`at`)} AS at FROM everything ${after}
     ORDER BY everything.at DESC, key COLLATE "C" DESC
     LIMIT ${q.take + 1}`;

  const page = rows.slice(0, q.take);
  const entries = await hydrate(dealerId, page, byConnection);
  const last = page[page.length - 1];
  const marketplaces = [...new Set(connections.map((c) => c.marketplace))].map((id) => ({ id, label: labelOf(id) }));
  return { entries, nextCursor: rows.length > q.take && last ? writeCursor(last.at, last.key) : null, marketplaces };
}

type ConnectionInfo = { id: string; name: string; marketplace: string; enabled: boolean; archivedAt: Date | null };

interface ItemRow {
  edit_key: string | null; id: string; listing_id: string | null; reference: string; connection_id: string; action: string; outcome: string;
  code: string | null; message: string | null; warnings: unknown; at: string; latest: boolean; trigger: string; started_by: string | null;
}

/** The sync items of a page's entries: those that sent each edit (first per connection), and the standalone ones. */
async function itemsFor(dealerId: string, edits: { key: string; listingId: string; at: string }[], syncIds: string[]): Promise<ItemRow[]> {
  const cols = Prisma.sql`si.id, si."listingId" AS listing_id, si.reference, r."connectionId" AS connection_id, si.action, si.outcome, si.code, si.message, si.warnings,
    ${TIME(Prisma.sql`si."createdAt"`)} AS at, r.trigger::text AS trigger, r."startedById" AS started_by,
    NOT EXISTS (SELECT 1 FROM "SyncItem" n JOIN "SyncRun" nr ON nr.id = n."syncRunId"
                 WHERE n."dealerId" = si."dealerId" AND n."listingId" = si."listingId" AND nr."connectionId" = r."connectionId"
                   AND n.action <> 'skip' AND (n."createdAt" > si."createdAt" OR (n."createdAt" = si."createdAt" AND n.id > si.id))) AS latest`;
  const [sent, standalone] = await Promise.all([
    edits.length
      ? db.$queryRaw<ItemRow[]>`
          SELECT DISTINCT ON (e.key, r."connectionId") e.key AS edit_key, ${cols}
            FROM unnest(${edits.map((e) => e.key)}::text[], ${edits.map((e) => e.listingId)}::text[], ${edits.map((e) => dbTime(e.at))}::text[]) AS e(key, listing_id, at)
            JOIN "SyncItem" si ON si."dealerId" = ${dealerId} AND si."listingId" = e.listing_id AND si."createdAt" > e.at::timestamp AND si.action <> 'skip'
            JOIN "SyncRun" r ON r.id = si."syncRunId" AND r."dealerId" = si."dealerId"
           ORDER BY e.key, r."connectionId", si."createdAt", si.id`
      : Promise.resolve([] as ItemRow[]),
    syncIds.length
      ? db.$queryRaw<ItemRow[]>`
          SELECT NULL AS edit_key, ${cols}
            FROM "SyncItem" si JOIN "SyncRun" r ON r.id = si."syncRunId" AND r."dealerId" = si."dealerId"
           WHERE si."dealerId" = ${dealerId} AND si.id IN (${Prisma.join(syncIds)})`
      : Promise.resolve([] as ItemRow[]),
  ]);
  return [...sent, ...standalone];
}

async function hydrate(dealerId: string, page: Row[], byConnection: Map<string, ConnectionInfo>): Promise<HistoryEntry[]> {
  const auditIds = page.filter((r) => r.key.startsWith("a:")).map((r) => r.key.slice(2));
  const setIds = [...new Set(page.filter((r) => /^[cu]:/.test(r.key)).map((r) => r.key.split(":")[1]))];
  const syncIds = page.filter((r) => r.key.startsWith("s:")).map((r) => r.key.slice(2));
  const logKeys = page.filter((r) => r.kind === "log").map((r) => r.key.split(":"));
  const edits = page.filter((r) => r.kind === "edit" && r.listing_id).map((r) => ({ key: r.key, listingId: r.listing_id!, at: r.at }));

  const [audits, sets, items, logs] = await Promise.all([
    auditIds.length ? db.auditEvent.findMany({ where: { dealerId, id: { in: auditIds } }, select: { id: true, actorId: true, action: true, data: true } }) : [],
    setIds.length ? db.listingChangeSet.findMany({ where: { dealerId, id: { in: setIds } }, select: { id: true, kind: true, actorId: true, undoneById: true, entries: true } }) : [],
    itemsFor(dealerId, edits, syncIds),
    logKeys.length
      ? db.adLog.findMany({
          where: {
            dealerId,
            OR: logKeys.map(([, connectionId, how, ...rest]) => (how === "r" ? { connectionId, requestId: rest.join(":") } : { connectionId, id: rest.join(":") })),
          },
          orderBy: [{ at: "asc" }, { id: "asc" }],
          select: { id: true, connectionId: true, requestId: true, reference: true, listingId: true, action: true, state: true, message: true, at: true },
        })
      : [],
  ]);

  // The cars, their publications (today's state for the newest outcome) and the people named.
  const listingIds = [...new Set([...page.map((r) => r.listing_id), ...items.map((i) => i.listing_id), ...logs.map((l) => l.listingId)].filter((id): id is string => !!id))];
  const [cars, publications] = await Promise.all([
    listingIds.length ? db.listing.findMany({ where: { dealerId, id: { in: listingIds } }, select: { id: true, reference: true, title: true, make: true, model: true, year: true, currency: true, images: true, status: true } }) : [],
    listingIds.length ? db.publication.findMany({ where: { dealerId, listingId: { in: listingIds } }, select: { listingId: true, connectionId: true, enabled: true, state: true, sentAt: true, remoteId: true, remoteStatus: true, lastErrorCode: true } }) : [],
  ]);
  const carById = new Map(cars.map((c) => [c.id, c]));
  const pubOf = new Map(publications.map((p) => [`${p.listingId}:${p.connectionId}`, p]));
  const auditById = new Map(audits.map((a) => [a.id, a]));
  const setById = new Map(sets.map((s) => [s.id, s]));
  const userIds = [...new Set([...audits.map((a) => a.actorId), ...sets.flatMap((s) => [s.actorId, s.undoneById]), ...items.map((i) => i.started_by)].filter((id): id is string => !!id))];
  const users = new Map((userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, u.name || u.email]));

  const outcomeOf = (i: ItemRow): Outcome => {
    const c = byConnection.get(i.connection_id);
    const marketplace = c?.marketplace ?? "";
    const pub = i.listing_id ? pubOf.get(`${i.listing_id}:${i.connection_id}`) : undefined;
    // The newest send of a publication shows what the marketplace holds now (a queued Blocket ad
    // that went live since); an older one what that send achieved.
    const state = i.outcome === "failed" ? "ERROR"
      : i.latest && pub ? pub.state
      : i.action === "remove" ? "REMOVED"
      : asyncWrites(marketplace) ? "ACCEPTED" : "LIVE";
    // The newest send: where the car stands there now; an older one: what that send did.
    const caps = stateCapabilitiesOf(marketplace);
    const listingStatus = i.listing_id ? carById.get(i.listing_id)?.status ?? "ACTIVE" : "ACTIVE";
    const now = i.latest && pub && i.outcome !== "failed" ? shownState(pub, listingStatus, caps) : null;
    const sendWord = syncOutcomeWord(i.action, i.outcome, caps);
    const words = now ? { word: shownWords(now, caps).short, tone: now.blocked ? "amber" as const : SHOWN_TONE[now.state] }
      : sendWord ? { word: `outcome.${sendWord}`, tone: OUTCOME_TONE[sendWord] }
      : { word: "short.failed", tone: "red" as const };
    return {
      ...words,
      connectionName: c?.name ?? "", marketplace, marketplaceLabel: labelOf(marketplace), state, action: i.action, code: i.code, message: i.message,
      warnings: Array.isArray(i.warnings) ? (i.warnings as Warning[]) : [], at: i.at,
    };
  };
  const carOf = (listingId: string | null, reference: string) => {
    const car = listingId ? carById.get(listingId) : undefined;
    if (!car) return { id: null, reference, name: null, cover: null };
    const name = [car.make, car.model, car.year].filter(Boolean).join(" ") || car.title || null;
    return { id: car.id, reference: car.reference, name, cover: car.images[0] ?? null };
  };
  const userName = (id: string | null) => (id ? users.get(id) ?? null : null);
  const whoStarted = (i: ItemRow): Who =>
    i.trigger === "MANUAL" ? { by: "manual", name: userName(i.started_by) } : i.trigger === "SCHEDULE" ? { by: "schedule" } : i.trigger === "SAVE" ? { by: "save" } : { by: "worker" };

  return page.map((row): HistoryEntry => {
    const base = { id: row.key, at: row.at, currency: null as string | null, changes: [] as FieldChange[], outcomes: [] as Outcome[] };
    if (row.kind === "sync") {
      const item = items.find((i) => !i.edit_key && i.id === row.key.slice(2));
      return { ...base, kind: "sync", car: carOf(row.listing_id, item?.reference ?? ""), who: item ? whoStarted(item) : null, outcomes: item ? [outcomeOf(item)] : [] };
    }
    if (row.kind === "log") {
      const [, connectionId, how, ...rest] = row.key.split(":");
      const id = rest.join(":");
      const lines = logs.filter((l) => l.connectionId === connectionId && (how === "r" ? l.requestId === id : l.id === id));
      const c = byConnection.get(connectionId);
      const marketplace = c?.marketplace ?? "";
      // The request's state is its newest line's (processing → done or error).
      const state = lines.at(-1)?.state ?? "processing";
      return {
        ...base, kind: "log", car: carOf(row.listing_id, lines[0]?.reference ?? ""), who: null,
        log: { marketplace, marketplaceLabel: labelOf(marketplace), connectionName: c?.name ?? "", requestId: how === "r" ? id : null, state, lines: lines.map((l) => ({ at: l.at.toISOString(), action: l.action, state: l.state, message: l.message })) },
      };
    }
    // An edit: who, what, and each marketplace's outcome.
    let who: Who | null = null;
    let changes: FieldChange[] = [];
    let created = false;
    let reference = "";
    if (row.key.startsWith("a:")) {
      const a = auditById.get(row.key.slice(2));
      who = { by: "user", name: userName(a?.actorId ?? null) ?? "" };
      changes = storedChanges(a?.data) ?? [];
      created = a?.action === "listing.created";
      reference = String((a?.data as { reference?: unknown } | undefined)?.reference ?? "");
    } else {
      const [how, setId, listingId] = row.key.split(":");
      const set = setById.get(setId);
      const entry = (Array.isArray(set?.entries) ? (set.entries as { listingId?: string; reference?: string; before?: SnapshotLike | null; after?: SnapshotLike }[]) : []).find((e) => e.listingId === listingId);
      reference = entry?.reference ?? "";
      if (how === "u") {
        who = { by: "undo", name: userName(set?.undoneById ?? null) };
        changes = snapshotChanges(entry?.after ?? null, entry?.before ?? null);
      } else {
        who = { by: set?.kind === "import" ? "import" : "bulk", name: userName(set?.actorId ?? null) };
        changes = snapshotChanges(entry?.before ?? null, entry?.after ?? null);
        created = entry?.before === null;
      }
    }
    const car = carOf(row.listing_id, reference);
    const sent = items.filter((i) => i.edit_key === row.key);
    const outcomes = sent.map(outcomeOf);
    // Marketplaces that will carry the change but have not synced since: waiting.
    if (car.id) {
      for (const c of byConnection.values()) {
        if (!c.enabled || c.archivedAt || sent.some((i) => i.connection_id === c.id)) continue;
        const pub = pubOf.get(`${car.id}:${c.id}`);
        if (pub && !pub.enabled) continue;
        outcomes.push({ word: "short.waiting", tone: "blue", connectionName: c.name, marketplace: c.marketplace, marketplaceLabel: labelOf(c.marketplace), state: "QUEUED", action: null, code: null, message: null, warnings: [], at: null });
      }
    }
    const currency = (car.id ? carById.get(car.id)?.currency : null) ?? null;
    return { ...base, kind: "edit", car, who, changes, created, currency, outcomes };
  });
}
