/** sync-listings-changed: the debounced push after saves (SAVE trigger). */
import type { Job, PgBoss } from "pg-boss";
import { ActionError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { connectionJob, JOBS } from "../jobs";
import { requestSync } from "../service";

export function handleListingsChanged(boss: PgBoss) {
  return async (jobs: Job<unknown>[]) => {
    for (const job of jobs) {
      const { dealerId, connectionId } = connectionJob.parse(job.data);
      // A run already past these listings would miss the change: wait for it, then push.
      const running = await db.syncRun.findFirst({ where: { dealerId, connectionId, status: "RUNNING" }, select: { id: true } });
      if (running) {
        await boss.sendAfter(JOBS.listingsChanged, { dealerId, connectionId }, { singletonKey: `${connectionId}:after-run` }, 10);
        continue;
      }
      try {
        await requestSync({ dealerId, connectionId, trigger: "SAVE" });
      } catch (err) {
        if (err instanceof NotFoundError || err instanceof ActionError) continue; // deleted or disabled meanwhile
        throw err;
      }
    }
  };
}
