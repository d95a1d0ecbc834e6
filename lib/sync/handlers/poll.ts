/** sync-poll: one polling round of a connection with queued writes; re-queued with backoff until settled. */
import type { Job, PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { JOBS, pollJob } from "../jobs";
import { tryLockConnection } from "../lock";
import { pollConnection } from "../poll";
import { NO_CURSOR, type PollCursor } from "../status-poll";

/** Stop after this many rounds (about a day with the max delay); the tick restarts polling later. */
const MAX_ROUNDS = 1_500;

export async function schedulePoll(boss: PgBoss, dealerId: string, connectionId: string, round: number, cursor: PollCursor = NO_CURSOR) {
  const { SYNC_POLL_FIRST_DELAY_SECONDS: first, SYNC_POLL_MAX_DELAY_SECONDS: max } = env();
  const delay = Math.min(max, first * 2 ** Math.min(round, 10));
  await boss.send(JOBS.poll, { dealerId, connectionId, round, ...cursor }, { singletonKey: connectionId, startAfter: Math.max(1, Math.round(delay)) });
}

export function handlePoll(boss: PgBoss) {
  return async (jobs: Job<unknown>[]) => {
    for (const job of jobs) {
      const { dealerId, connectionId, round, since, sweptAt } = pollJob.parse(job.data);
      // Never alongside a run of the same connection: both write its publications.
      const lock = await tryLockConnection(connectionId);
      if (!lock) {
        await schedulePoll(boss, dealerId, connectionId, round);
        continue;
      }
      let result;
      try {
        result = await pollConnection(dealerId, connectionId, undefined, { since: since ?? null, sweptAt: sweptAt ?? null });
      } finally {
        await lock.release();
      }
      // While ads settle, keep the first (short) delay: a round that asks what changed is cheap.
      const next = result.settled > 0 ? 0 : round + 1;
      if (result.pending > 0 && round < MAX_ROUNDS) await schedulePoll(boss, dealerId, connectionId, next, result.cursor);
    }
  };
}
