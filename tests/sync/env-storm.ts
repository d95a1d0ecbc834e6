/** The fault storm's tuning: quick timeouts, raised rate limits (the faults are the point here). */
process.env.SYNC_HTTP_TIMEOUT_MS = "1500";
process.env.SYNC_HTTP_RETRIES = "3";
process.env.SYNC_OKASIE_WINDOWS = "100000/60,50/1";
process.env.SYNC_BLOCKET_WINDOWS = "400/1";
process.env.SYNC_BLOCKET_CONCURRENCY = "8";
process.env.SYNC_BOSS_SCHEMA = "pgboss_storm";
export {};
