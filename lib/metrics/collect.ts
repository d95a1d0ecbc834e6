/**
 * Operator metrics in the Prometheus text format, computed from PostgreSQL at scrape time.
 *
 * Why from the database: web and worker are separate processes, and there may be any number of
 * each. Everything that matters (runs, items, queue, polls, alerts, request counts flushed by the
 * workers) is already in PostgreSQL, so any web process answers a scrape with the same, complete
 * numbers, and nothing is lost when a process restarts. Counters ("…_total") are totals over the
 * rows kept; they only drop if rows are deleted (a dealer removed), which Prometheus treats as a reset.
 */
import { Counter, Gauge, Registry } from "prom-client";
import { db } from "@/lib/db";
import { bossConnection } from "@/lib/sync/queue";

const FINISHED = ["SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED"];
const ITEM_COLUMNS = ["created", "updated", "removed", "unchanged", "failed"] as const;
const mp = (m: string) => m.toLowerCase();
const num = (v: bigint | number | null | undefined) => Number(v ?? 0);

type Row = Record<string, unknown>;

async function syncRunMetrics(registry: Registry) {
  const runs = new Counter({ name: "forecourt_sync_runs_total", help: "Finished sync runs by marketplace and outcome.", labelNames: ["marketplace", "outcome"], registers: [registry] });
  const active = new Gauge({ name: "forecourt_sync_runs", help: "Sync runs not finished, by marketplace and status (QUEUED, RUNNING, NEEDS_CONFIRMATION).", labelNames: ["marketplace", "status"], registers: [registry] });
  const items = new Counter({ name: "forecourt_sync_items_total", help: "Listings handled by sync runs, by marketplace and outcome.", labelNames: ["marketplace", "outcome"], registers: [registry] });
  const requests = new Counter({ name: "forecourt_sync_requests_total", help: "Marketplace requests made by sync runs (retries included; polling excluded).", labelNames: ["marketplace"], registers: [registry] });

  const rows = await db.$queryRaw<Row[]>`
    SELECT c.marketplace::text AS marketplace, r.status::text AS status, count(*) AS runs,
           sum(r.created) AS created, sum(r.updated) AS updated, sum(r.removed) AS removed,
           sum(r.unchanged) AS unchanged, sum(r.failed) AS failed, sum(r.requests) AS requests
    FROM "SyncRun" r JOIN "Connection" c ON c.id = r."connectionId"
    GROUP BY 1, 2`;
  const marketplaces = new Set<string>();
  for (const r of rows) {
    const m = mp(String(r.marketplace));
    marketplaces.add(m);
    const status = String(r.status);
    if (FINISHED.includes(status)) runs.inc({ marketplace: m, outcome: status.toLowerCase() }, num(r.runs as bigint));
    else active.set({ marketplace: m, status }, num(r.runs as bigint));
    for (const column of ITEM_COLUMNS) items.inc({ marketplace: m, outcome: column }, num(r[column] as bigint));
    requests.inc({ marketplace: m }, num(r.requests as bigint));
  }
  // Every series exists from the first scrape, so rate() and alerts work before the first event.
  for (const m of marketplaces) {
    for (const outcome of FINISHED) runs.inc({ marketplace: m, outcome: outcome.toLowerCase() }, 0);
    for (const status of ["QUEUED", "RUNNING", "NEEDS_CONFIRMATION"]) active.inc({ marketplace: m, status }, 0);
  }
}

async function requestMetrics(registry: Registry) {
  const counter = new Counter({ name: "forecourt_marketplace_requests_total", help: "Marketplace HTTP attempts by marketplace and status class (2xx, 4xx, 429, 5xx, network), syncs and polling included.", labelNames: ["marketplace", "status"], registers: [registry] });
  const rows = await db.marketplaceRequestCount.findMany();
  for (const r of rows) counter.inc({ marketplace: r.marketplace, status: r.status }, num(r.count));
}

async function queueMetrics(registry: Registry) {
  const depth = new Gauge({ name: "forecourt_queue_jobs", help: "pg-boss jobs by queue and state: waiting (due), deferred (not yet due), active.", labelNames: ["queue", "state"], registers: [registry] });
  const age = new Gauge({ name: "forecourt_queue_oldest_waiting_seconds", help: "How long the oldest due job of each queue has waited for a worker (0 when none waits).", labelNames: ["queue"], registers: [registry] });
  const schema = bossConnection().schema.replace(/"/g, "");
  const exists = await db.$queryRaw<Row[]>`SELECT 1 FROM information_schema.tables WHERE table_schema = ${schema} AND table_name = 'job'`;
  if (exists.length === 0) return; // no worker has started yet
  const rows = await db.$queryRawUnsafe<Row[]>(`
    SELECT name,
           count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS waiting,
           count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now()) AS deferred,
           count(*) FILTER (WHERE state = 'active') AS active,
           coalesce(extract(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())), 0) AS oldest
    FROM "${schema}".job WHERE state < 'completed' AND name NOT LIKE '\\_\\_pgboss%' GROUP BY name`);
  // pg-boss's own internal queues (__pgboss__…) are left out.
  const queues = await db.$queryRawUnsafe<Row[]>(`SELECT name FROM "${schema}".queue WHERE name NOT LIKE '\\_\\_pgboss%'`).catch(() => [] as Row[]);
  for (const q of queues) {
    for (const state of ["waiting", "deferred", "active"]) depth.set({ queue: String(q.name), state }, 0);
    age.set({ queue: String(q.name) }, 0);
  }
  for (const r of rows) {
    const queue = String(r.name);
    depth.set({ queue, state: "waiting" }, num(r.waiting as bigint));
    depth.set({ queue, state: "deferred" }, num(r.deferred as bigint));
    depth.set({ queue, state: "active" }, num(r.active as bigint));
    age.set({ queue }, Number(r.oldest));
  }
}

async function publicationMetrics(registry: Registry) {
  const lag = new Gauge({ name: "forecourt_poll_lag_seconds", help: "Age of the oldest write a marketplace accepted but has not yet confirmed (polling), by marketplace.", labelNames: ["marketplace"], registers: [registry] });
  const pending = new Gauge({ name: "forecourt_poll_pending", help: "Accepted writes waiting for the marketplace's final status, by marketplace.", labelNames: ["marketplace"], registers: [registry] });
  const states = new Gauge({ name: "forecourt_publications", help: "Listings per marketplace by publication state.", labelNames: ["marketplace", "state"], registers: [registry] });
  const health = new Gauge({ name: "forecourt_connections", help: "Enabled marketplace connections by last known health (ok, unauthorized, missing_scope, unreachable, untested…).", labelNames: ["marketplace", "health"], registers: [registry] });

  const rows = await db.$queryRaw<Row[]>`
    SELECT c.marketplace::text AS marketplace, p.state::text AS state, count(*) AS n,
           coalesce(extract(epoch FROM now() - min(p."sentAt")), 0) AS oldest
    FROM "Publication" p JOIN "Connection" c ON c.id = p."connectionId"
    GROUP BY 1, 2`;
  for (const r of rows) {
    const m = mp(String(r.marketplace));
    states.set({ marketplace: m, state: String(r.state) }, num(r.n as bigint));
    if (r.state === "ACCEPTED") {
      pending.set({ marketplace: m }, num(r.n as bigint));
      lag.set({ marketplace: m }, Number(r.oldest));
    }
  }
  const connections = await db.connection.groupBy({ by: ["marketplace", "lastCheckStatus"], where: { enabled: true }, _count: { _all: true } });
  for (const c of connections) {
    const m = mp(c.marketplace);
    health.inc({ marketplace: m, health: c.lastCheckStatus ?? "untested" }, c._count._all);
    pending.inc({ marketplace: m }, 0);
    lag.inc({ marketplace: m }, 0);
  }
}

async function alertMetrics(registry: Registry) {
  const open = new Gauge({ name: "forecourt_alerts_open", help: "Problems currently open for alerting, by kind.", labelNames: ["kind"], registers: [registry] });
  const mails = new Gauge({ name: "forecourt_alert_mails", help: "Alert mails recorded, by status (PENDING, SENT, FAILED).", labelNames: ["status"], registers: [registry] });
  for (const kind of ["TOKEN_REJECTED", "REMOVAL_HOLD", "LISTING_ERRORS", "SYNC_FAILING"]) open.set({ kind }, 0);
  for (const status of ["PENDING", "SENT", "FAILED"]) mails.set({ status }, 0);
  for (const r of await db.alertCondition.groupBy({ by: ["kind"], _count: { _all: true } })) open.set({ kind: r.kind }, r._count._all);
  for (const r of await db.alertDelivery.groupBy({ by: ["status"], _count: { _all: true } })) mails.set({ status: r.status }, r._count._all);
}

export interface Scrape { contentType: string; body: string }

const CACHE_MS = 5_000;
let recent: { at: number; scrape: Promise<Scrape> } | undefined;

/** One scrape; scrapes within 5 s of each other share one computation (several Prometheus servers, retries). */
export function collectMetrics(): Promise<Scrape> {
  if (recent && Date.now() - recent.at < CACHE_MS) return recent.scrape;
  const scrape = compute();
  recent = { at: Date.now(), scrape };
  scrape.catch(() => { recent = undefined; });
  return scrape;
}

/** A fresh registry filled from the database. */
async function compute(): Promise<Scrape> {
  const started = performance.now();
  const registry = new Registry();
  await Promise.all([syncRunMetrics(registry), requestMetrics(registry), queueMetrics(registry), publicationMetrics(registry), alertMetrics(registry)]);
  new Gauge({ name: "forecourt_metrics_scrape_seconds", help: "Time this scrape took to compute.", registers: [registry] }).set((performance.now() - started) / 1000);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
