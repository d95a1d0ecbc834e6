/** The logger for the current web request: carries the proxy's request id (lib/log/request-id.ts). */
import { headers } from "next/headers";
import { log, type Logger } from "./index";
import { REQUEST_ID_HEADER } from "./request-id";

export async function requestLog(bindings: Record<string, unknown> = {}): Promise<Logger> {
  let requestId: string | undefined;
  try {
    requestId = (await headers()).get(REQUEST_ID_HEADER) ?? undefined;
  } catch {
    // Outside a request (a script, the worker): no request id.
  }
  return log().child({ ...(requestId ? { requestId } : {}), ...bindings });
}
