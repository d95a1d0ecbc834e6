/** Token check (blocket.md §1.3, G-AUTH): `X-Auth-Token`, opaque tokens from the seed. */
import { json } from "./respond";
import type { SandboxState } from "./state";

export interface Auth {
  token: string;
  scope: "dealer_code" | "dealer_group";
  dealerCodes: string[];
}

export function authenticate(state: SandboxState, req: Request): Auth | Response {
  const token = req.headers.get("x-auth-token");
  if (!token) return json({ detail: "Authentication credentials were not provided." }, 401);
  const fixture = state.seed.tokens[token];
  if (!fixture) return json({ detail: `Invalid token: ${/^[\w.-]+$/.test(token) ? "unknown" : "malformed"}` }, 401);
  if (fixture.expired) return json({ detail: "Invalid token: expired" }, 401);
  return fixture.scope === "dealer_code"
    ? { token, scope: "dealer_code", dealerCodes: [fixture.dealerCode] }
    : { token, scope: "dealer_group", dealerCodes: [...fixture.dealerCodes] };
}

/** Optional DRF-style throttle (G-RATE), off unless /__sim/config sets rateLimitPerSec. */
export function throttle(state: SandboxState, token: string): Response | null {
  const limit = state.config.rateLimitPerSec;
  if (!limit) return null;
  const now = state.scheduler.now();
  const second = Math.floor(now / 1000);
  const window = state.throttle.get(token);
  if (!window || window.second !== second) {
    state.throttle.set(token, { second, count: 1 });
    return null;
  }
  window.count += 1;
  if (window.count <= limit) return null;
  return json({ detail: "Request was throttled. Expected available in 1 second." }, 429, { "retry-after": "1" });
}
