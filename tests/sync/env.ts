/** Test tuning of the sync engine: short backoff and debounce, a pg-boss schema per test file. */
process.env.SYNC_HTTP_MIN_BACKOFF_MS ??= "20";
process.env.SYNC_HTTP_MAX_BACKOFF_MS ??= "200";
process.env.SYNC_HTTP_TIMEOUT_MS ??= "3000";
process.env.SYNC_DEBOUNCE_SECONDS ??= "1";
process.env.SYNC_POLL_FIRST_DELAY_SECONDS ??= "1";
process.env.SYNC_POLL_MAX_DELAY_SECONDS ??= "2";
process.env.SYNC_POLLING_SECONDS ??= "0.5";
process.env.SYNC_SCHEDULES ??= "0";
export {};
