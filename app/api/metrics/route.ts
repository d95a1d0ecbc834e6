/** Prometheus metrics for operators (lib/metrics): bearer METRICS_TOKEN; 404 when not configured. */
import { metricsAccess } from "@/lib/metrics/auth";
import { collectMetrics } from "@/lib/metrics/collect";
import { errorSummary } from "@/lib/log";
import { requestLog } from "@/lib/log/request";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return new Response("Not found.", { status: 404 });
  if (access === "unauthorized") {
    return new Response("Send the metrics token as: Authorization: Bearer <METRICS_TOKEN>", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  try {
    const scrape = await collectMetrics();
    return new Response(scrape.body, { headers: { "Content-Type": scrape.contentType, "Cache-Control": "no-store" } });
  } catch (err) {
    (await requestLog({ route: "metrics" })).error({ error: errorSummary(err) }, "metrics scrape failed");
    return new Response("Metrics are unavailable: the database could not be read.", { status: 503 });
  }
}
