/**
 * Set-based writes of the engine (one statement per chunk, whatever its size): publication
 * outcomes, SyncItems, run counters, the "being sent" mark, and mirrored log lines. Plain SQL
 * through node-postgres (unnest of arrays), because Prisma would need one statement per row.
 * Every statement is scoped by dealer and connection.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { PublicationState } from "@/lib/generated/prisma/client";
import { syncPool } from "./pool";

const id = () => `s${randomUUID().replace(/-/g, "").slice(0, 24)}`;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The complete new values of one publication (what is kept is passed back unchanged). */
export interface PublicationWrite {
  listingId: string;
  state: PublicationState;
  remoteId: string | null;
  remoteIds: unknown;
  remoteStatus: string | null;
  remoteUpdatedAt: Date | null;
  sentHash: string | null;
  /** Fingerprint of the inputs of the payload behind sentHash (fingerprint.ts). */
  sentSourceHash: string | null;
  sentAt: Date | null;
  rejectedHash: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  warnings: unknown[];
  driftDetectedAt: Date | null;
  logsMirroredAt?: Date | null;
  /** The payload behind `sentHash`, when this write sent one (undefined: kept as it is). */
  sentPayload?: unknown;
}

export interface ItemWrite {
  listingId: string | null;
  reference: string;
  action: "create" | "update" | "remove" | "skip" | "preflight";
  outcome: "ok" | "failed" | "skipped";
  code: string | null;
  message: string | null;
  warnings: unknown[];
  durationMs: number | null;
}

export interface CounterDelta {
  done?: number; created?: number; updated?: number; removed?: number; unchanged?: number; failed?: number; requests?: number;
}

type Q = Pick<pg.PoolClient, "query">;

/** Runs `fn` in one transaction on a client of the sync pool: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await syncPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function writePublications(q: Q, dealerId: string, connectionId: string, rows: PublicationWrite[], now = new Date()) {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE "Publication" p SET
       state = v.state::"PublicationState", "remoteId" = v.remote_id, "remoteIds" = v.remote_ids::jsonb,
       "remoteStatus" = v.remote_status, "remoteUpdatedAt" = v.remote_updated_at::timestamp(3),
       "sentHash" = v.sent_hash, "sentAt" = v.sent_at::timestamp(3), "rejectedHash" = v.rejected_hash,
       "lastErrorCode" = v.error_code, "lastErrorMessage" = v.error_message, warnings = v.warnings::jsonb,
       "driftDetectedAt" = v.drift_at::timestamp(3),
       "logsMirroredAt" = COALESCE(v.logs_at::timestamp(3), p."logsMirroredAt"),
       "sentSourceHash" = v.sent_source_hash,
       "updatedAt" = $3::timestamp(3)
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
       AS v(listing_id, state, remote_id, remote_ids, remote_status, remote_updated_at, sent_hash, sent_at, rejected_hash, error_code, error_message, warnings, drift_at, logs_at, sent_source_hash)
     WHERE p."dealerId" = $1 AND p."connectionId" = $2 AND p."listingId" = v.listing_id`,
    [
      dealerId, connectionId, now.toISOString(),
      rows.map((r) => r.listingId), rows.map((r) => r.state), rows.map((r) => r.remoteId), rows.map((r) => json(r.remoteIds)),
      rows.map((r) => r.remoteStatus), rows.map((r) => iso(r.remoteUpdatedAt)), rows.map((r) => r.sentHash), rows.map((r) => iso(r.sentAt)),
      rows.map((r) => r.rejectedHash), rows.map((r) => r.lastErrorCode), rows.map((r) => r.lastErrorMessage?.slice(0, 4000) ?? null),
      rows.map((r) => JSON.stringify(r.warnings ?? [])), rows.map((r) => iso(r.driftDetectedAt)), rows.map((r) => iso(r.logsMirroredAt ?? null)),
      rows.map((r) => r.sentSourceHash),
    ],
  );
}

/** Keeps the payloads behind new sent hashes: the baseline of the diff preview (lib/sync/diff.ts). */
export async function writeSentPayloads(q: Q, dealerId: string, connectionId: string, rows: PublicationWrite[]) {
  const sent = rows.filter((r) => r.sentPayload !== undefined);
  if (sent.length === 0) return;
  await q.query(
    `UPDATE "Publication" p SET "sentPayload" = v.payload::jsonb
     FROM unnest($3::text[], $4::text[]) AS v(listing_id, payload)
     WHERE p."dealerId" = $1 AND p."connectionId" = $2 AND p."listingId" = v.listing_id`,
    [dealerId, connectionId, sent.map((r) => r.listingId), sent.map((r) => json(r.sentPayload))],
  );
}

export async function writeItems(q: Q, dealerId: string, runId: string, items: ItemWrite[], now = new Date()) {
  if (items.length === 0) return;
  await q.query(
    `INSERT INTO "SyncItem" (id, "dealerId", "syncRunId", "listingId", reference, action, outcome, code, message, warnings, "durationMs", "createdAt")
     SELECT v.id, $1, $2, v.listing_id, v.reference, v.action, v.outcome, v.code, v.message, v.warnings::jsonb, v.duration_ms::int, $3::timestamp(3)
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       AS v(id, listing_id, reference, action, outcome, code, message, warnings, duration_ms)`,
    [
      dealerId, runId, now.toISOString(),
      items.map(() => id()), items.map((i) => i.listingId), items.map((i) => i.reference), items.map((i) => i.action), items.map((i) => i.outcome),
      items.map((i) => i.code), items.map((i) => i.message?.slice(0, 4000) ?? null), items.map((i) => JSON.stringify(i.warnings ?? [])),
      items.map((i) => (i.durationMs === null ? null : String(Math.round(i.durationMs)))),
    ],
  );
}

/** Adds to the run's counters and heartbeat; returns whether a cancellation was requested. */
export async function bumpRun(q: Q, dealerId: string, runId: string, d: CounterDelta, now = new Date()): Promise<boolean> {
  const { rows } = await q.query<{ cancelRequested: boolean }>(
    `UPDATE "SyncRun" SET done = done + $3, created = created + $4, updated = updated + $5, removed = removed + $6,
       unchanged = unchanged + $7, failed = failed + $8, requests = requests + $9, "heartbeatAt" = $10::timestamp(3)
     WHERE id = $2 AND "dealerId" = $1 RETURNING "cancelRequested"`,
    [dealerId, runId, d.done ?? 0, d.created ?? 0, d.updated ?? 0, d.removed ?? 0, d.unchanged ?? 0, d.failed ?? 0, d.requests ?? 0, now.toISOString()],
  );
  return rows[0]?.cancelRequested ?? false;
}

/** A fingerprint learnt for a publication whose payload was found unchanged (fingerprint.ts). */
export interface SourceHashWrite { listingId: string; sentHash: string; sourceHash: string }

/**
 * Stores fingerprints of unchanged payloads, only where the publication still carries the payload
 * hash they were computed for (a write that happened since wins).
 */
export async function writeSourceHashes(q: Q, dealerId: string, connectionId: string, rows: SourceHashWrite[]) {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE "Publication" p SET "sentSourceHash" = v.source_hash
     FROM unnest($3::text[], $4::text[], $5::text[]) AS v(listing_id, sent_hash, source_hash)
     WHERE p."dealerId" = $1 AND p."connectionId" = $2 AND p."listingId" = v.listing_id AND p."sentHash" = v.sent_hash`,
    [dealerId, connectionId, rows.map((r) => r.listingId), rows.map((r) => r.sentHash), rows.map((r) => r.sourceHash)],
  );
}

/** One chunk's outcome, atomically: publications, items, learnt fingerprints and counters. */
export async function commitChunk(dealerId: string, connectionId: string, runId: string, pubs: PublicationWrite[], items: ItemWrite[], delta: CounterDelta, sourceHashes: SourceHashWrite[] = []): Promise<boolean> {
  return inTransaction(async (client) => {
    const now = new Date();
    await writePublications(client, dealerId, connectionId, pubs, now);
    await writeSentPayloads(client, dealerId, connectionId, pubs);
    await writeItems(client, dealerId, runId, items, now);
    await writeSourceHashes(client, dealerId, connectionId, sourceHashes);
    return bumpRun(client, dealerId, runId, delta, now);
  });
}

/**
 * Before a chunk leaves: its publications exist (created lazily) and show QUEUED, and references
 * being sent for the first time are locked. A crash after this leaves them QUEUED with the old
 * sentHash, so the resumed run sends them again (idempotent by reference).
 */
export async function markSending(dealerId: string, connectionId: string, listingIds: string[], now = new Date()) {
  if (listingIds.length === 0) return;
  await inTransaction(async (client) => {
    await client.query(
      `INSERT INTO "Publication" (id, "dealerId", "listingId", "connectionId", state, "createdAt", "updatedAt")
       SELECT v.id, $1, v.listing_id, $2, 'QUEUED', $3::timestamp(3), $3::timestamp(3) FROM unnest($4::text[], $5::text[]) AS v(id, listing_id)
       ON CONFLICT ("dealerId", "listingId", "connectionId") DO UPDATE SET state = 'QUEUED', "updatedAt" = EXCLUDED."updatedAt"`,
      [dealerId, connectionId, now.toISOString(), listingIds.map(() => id()), listingIds],
    );
    await client.query(
      `UPDATE "Listing" SET "referenceLockedAt" = $3::timestamp(3) WHERE "dealerId" = $1 AND id = ANY($2::text[]) AND "referenceLockedAt" IS NULL`,
      [dealerId, listingIds, now.toISOString()],
    );
  });
}

/** Publication rows for listings decided locally (e.g. a pre-flight failure of a new listing). */
export async function ensurePublications(dealerId: string, connectionId: string, listingIds: string[], now = new Date()) {
  if (listingIds.length === 0) return;
  await syncPool().query(
    `INSERT INTO "Publication" (id, "dealerId", "listingId", "connectionId", "createdAt", "updatedAt")
     SELECT v.id, $1, v.listing_id, $2, $3::timestamp(3), $3::timestamp(3) FROM unnest($4::text[], $5::text[]) AS v(id, listing_id)
     ON CONFLICT ("dealerId", "listingId", "connectionId") DO NOTHING`,
    [dealerId, connectionId, now.toISOString(), listingIds.map(() => id()), listingIds],
  );
}

export interface LogLineWrite {
  listingId: string | null;
  reference: string;
  remoteId: string;
  remoteKey: string;
  requestId: string | null;
  action: string;
  state: string;
  message: string | null;
  at: Date;
}

/** Mirrors log lines; the unique (dealer, connection, remoteKey) makes re-mirroring a no-op. */
export async function insertLogLines(dealerId: string, connectionId: string, lines: LogLineWrite[]): Promise<number> {
  if (lines.length === 0) return 0;
  const res = await syncPool().query(
    `INSERT INTO "AdLog" (id, "dealerId", "listingId", "connectionId", reference, "remoteId", "remoteKey", "requestId", action, state, message, at)
     SELECT v.id, $1, v.listing_id, $2, v.reference, v.remote_id, v.remote_key, v.request_id, v.action, v.state, v.message, v.at::timestamp(3)
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       AS v(id, listing_id, reference, remote_id, remote_key, request_id, action, state, message, at)
     ON CONFLICT ("dealerId", "connectionId", "remoteKey") DO NOTHING`,
    [
      dealerId, connectionId, lines.map(() => id()), lines.map((l) => l.listingId), lines.map((l) => l.reference), lines.map((l) => l.remoteId),
      lines.map((l) => l.remoteKey), lines.map((l) => l.requestId), lines.map((l) => l.action), lines.map((l) => l.state),
      lines.map((l) => l.message?.slice(0, 4000) ?? null), lines.map((l) => l.at.toISOString()),
    ],
  );
  return res.rowCount ?? 0;
}
