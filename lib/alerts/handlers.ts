/**
 * The alert jobs' handlers, and their registration on a worker's pg-boss instance. The worker
 * calls registerAlertJobs once; everything else about alerts stays in this folder.
 */
import { ensureQueues } from "@/lib/sync/queue";
import type { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { errorSummary, logFor } from "@/lib/log";
import { mailConfigured } from "@/lib/mail";
import { runDailyDigest } from "./digest";
import { ALERT_JOBS, ALERT_QUEUES } from "./jobs";
import { runAlertScan } from "./scan";

const log = () => logFor("alerts");

export async function registerAlertJobs(boss: PgBoss, options: { schedules?: boolean } = {}) {
  await ensureQueues(boss, ALERT_QUEUES);
  await boss.work(ALERT_JOBS.scan, async () => {
    try {
      const result = await runAlertScan();
      if (result.sent || result.failed) log().info({ job: ALERT_JOBS.scan, ...result }, "alert scan");
    } catch (err) {
      log().error({ job: ALERT_JOBS.scan, error: errorSummary(err) }, "alert scan failed");
      throw err;
    }
  });
  await boss.work(ALERT_JOBS.digest, async () => {
    const result = await runDailyDigest();
    log().info({ job: ALERT_JOBS.digest, ...result }, "daily digest");
  });
  if (options.schedules ?? true) {
    await boss.schedule(ALERT_JOBS.scan, env().ALERTS_SCAN_CRON);
    await boss.schedule(ALERT_JOBS.digest, env().ALERTS_DIGEST_CRON);
  }
  if (!mailConfigured()) log().warn("SMTP_URL is not set: alert conditions are tracked, but no mail is sent");
}
