/**
 * Who may read /api/metrics: only a caller presenting METRICS_TOKEN as a bearer token. Without
 * METRICS_TOKEN configured the route does not exist (404), so a forgotten setting exposes nothing.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export type MetricsAccess = "allowed" | "disabled" | "unauthorized";

const digest = (value: string) => createHash("sha256").update(value).digest();

export function metricsAccess(authorization: string | null): MetricsAccess {
  const expected = env().METRICS_TOKEN;
  if (!expected) return "disabled";
  const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim();
  if (!presented) return "unauthorized";
  // Compare digests in constant time (equal lengths whatever was presented).
  return timingSafeEqual(digest(presented), digest(expected)) ? "allowed" : "unauthorized";
}
