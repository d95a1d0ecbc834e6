/** sync-poll: one polling round of a connection with queued writes; re-queued with backoff until settled. */
import type { Job, PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { JOBS, pollJob } from "../jobs";
import { tryLockConnection } from "../lock";
import { pollConnection } from "../poll";

/** Stop after this many rounds (about a day with the max delay); the tick restarts polling later. */
const MAX_ROUNDS = 1_500;

export async function schedulePoll(boss: PgBoss, dealerId: string, connectionId: string, round: number) {
  const { SYNC_POLL_FIRST_DELAY_SECONDS: first, SYNC_POLL_MAX_DELAY_SECONDS: max } = env();
  const delay = Math.min(max, first * 2 ** Math.min(round, 10));
  await boss.send(JOBS.poll, { dealerId, connectionId, round }, { singletonKey: connectionId, startAfter: Math.max(1, Math.round(delay)) });
}

export function handlePoll(boss: PgBoss) {
  return async (jobs: Job<unknown>[]) => {
    for (const job of jobs) {
      const { dealerId, connectionId, round } = pollJob.parse(job.data);
      // Never alongside a run of the same connection: both write its publications.
      const lock = await tryLockConnection(connectionId);
      if (!lock) {
        await schedulePoll(boss, dealerId, connectionId, round);
        continue;
      }
      let pending = 0;
      try {
        pending = (await pollConnection(dealerId, connectionId)).pending;
      } finally {
        await lock.release();
      }
      if (pending > 0 && round < MAX_ROUNDS) await schedulePoll(boss, dealerId, connectionId, round + 1);
    }
  };
}
