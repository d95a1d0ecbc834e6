/**
 * Job definitions: queue names, payload schemas and queue options. Handlers live in
 * lib/sync/handlers (documenso style), so the web process can enqueue without loading them.
 */
import { z } from "zod";
import type { Queue } from "pg-boss";

export const JOBS = {
  /** Execute one SyncRun (push one dealer's changes to one connection). */
  run: "sync-run",
  /** A listing was saved / marked sold: push soon, at most once per few seconds per connection. */
  listingsChanged: "sync-listings-changed",
  /** Every minute: start the scheduled incremental syncs that are due, and restart stalled polls. */
  tick: "sync-tick",
  /** Daily: a full reconcile of every enabled connection. */
  reconcile: "sync-reconcile",
  /** Blocket: poll accepted writes until final, then mirror the action logs. */
  poll: "sync-poll",
} as const;

export const runJob = z.object({ runId: z.string().min(1), dealerId: z.string().min(1) });
export type RunJob = z.infer<typeof runJob>;

export const connectionJob = z.object({ dealerId: z.string().min(1), connectionId: z.string().min(1) });
export type ConnectionJob = z.infer<typeof connectionJob>;

export const pollJob = connectionJob.extend({
  round: z.number().int().min(0).default(0),
  /** Where the round starts (lib/sync/status-poll.ts); absent: a sweep first. */
  since: z.string().nullable().optional(),
  sweptAt: z.number().nullable().optional(),
});
export type PollJob = z.infer<typeof pollJob>;

export const emptyJob = z.object({}).passthrough();

export const TICK_CRON = "* * * * *";

export const QUEUES: Queue[] = [
  // A run can be long (50,000 ads at 120 requests/minute); crashes are handled by the recovery
  // sweep (advisory lock per connection), so expiry is only a last resort.
  { name: JOBS.run, retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 4 * 3600 },
  { name: JOBS.listingsChanged, retryLimit: 3, retryDelay: 5, expireInSeconds: 300 },
  { name: JOBS.tick, policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
  { name: JOBS.reconcile, policy: "singleton", retryLimit: 2, expireInSeconds: 900 },
  // One poll queued and one running per connection at most.
  { name: JOBS.poll, policy: "stately", retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 900 },
];
