/**
 * The sync engine as it runs in production — the client's default HTTP time-out (15 s), backoff
 * and rate budgets, polling that starts 2 s after a push and backs off — except that polling
 * backs off to at most 4 s (production: 60 s) so the test stays short. Imported first.
 */
process.env.SYNC_BOSS_SCHEMA = "pgboss_realistic";
process.env.SYNC_SCHEDULES = "0";
process.env.SYNC_POLL_FIRST_DELAY_SECONDS = "2";
process.env.SYNC_POLL_MAX_DELAY_SECONDS = "4";
export {};
