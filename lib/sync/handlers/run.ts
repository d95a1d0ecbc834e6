/** sync-run: execute one SyncRun; runs that left queued writes are followed by status polling. */
import type { Job, PgBoss } from "pg-boss";
import { executeRun, type EngineOptions } from "../engine";
import { runJob } from "../jobs";
import { schedulePoll } from "./poll";

export function handleRun(boss: PgBoss, options: EngineOptions = {}) {
  return async (jobs: Job<unknown>[]) => {
    for (const job of jobs) {
      const { runId } = runJob.parse(job.data);
      const outcome = await executeRun(runId, options);
      // Another process runs this connection now: fail the job so pg-boss retries it later.
      if (outcome.result === "busy") throw new Error(`Connection busy; run ${runId} will be retried.`);
      if (outcome.needsPoll && outcome.connectionId && outcome.dealerId) await schedulePoll(boss, outcome.dealerId, outcome.connectionId, 0);
    }
  };
}
