/**
 * Request ids: the proxy gives every request an `x-request-id` (keeping a well-formed one set by a
 * load balancer), and echoes it on the response, so a user's report, the access log and our own
 * log lines meet. Edge-safe: no Node APIs.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming id when it is safe to reuse, otherwise a new one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return incoming && WELL_FORMED.test(incoming) ? incoming : crypto.randomUUID();
}
