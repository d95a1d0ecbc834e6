/**
 * Alert job definitions: queue names, schedules and options. Handlers live in handlers.ts, so the
 * worker registers them and nothing else needs to load mail code (like lib/sync/jobs.ts).
 */
import type { Queue } from "pg-boss";

export const ALERT_JOBS = {
  /** Every minute: find open problems, decide who must hear of them, send what was not sent. */
  scan: "alerts-scan",
  /** Daily: one summary mail per user who chose the digest. */
  digest: "alerts-digest",
} as const;

export const ALERT_QUEUES: Queue[] = [
  // One scan at a time across all workers; a missed minute is caught up by the next one.
  { name: ALERT_JOBS.scan, policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
  { name: ALERT_JOBS.digest, policy: "singleton", retryLimit: 3, retryDelay: 60, expireInSeconds: 900 },
];
