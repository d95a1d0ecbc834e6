/**
 * Runs before every page, action and API route:
 * - sets this request's Content-Security-Policy with a fresh nonce (lib/security/headers), on the
 *   request (Next.js reads the nonce from it for its own scripts) and on the response;
 * - sends visitors without a session cookie to /login. It only looks for the cookie: every page,
 *   action and route verifies the session itself. It deliberately does not refresh the session
 *   cookie (as Auth.js's own middleware does), so a request still in flight when someone signs
 *   out cannot set the cookie again.
 */
import { NextResponse, type NextRequest } from "next/server";
import { isProduction } from "@/lib/env";
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from "@/lib/security/headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";

const PUBLIC_PATHS = ["/login", "/api/"];
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export default function proxy(request: NextRequest) {
  // Every request gets an id: server code logs with it (lib/log/request.ts), the response echoes it.
  const requestId = requestIdFrom(request.headers);
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: !isProduction() });
  const finish = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };

  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p));
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (!isPublic && !hasSession) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", pathname + search);
    return finish(NextResponse.redirect(login));
  }
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set("Content-Security-Policy", csp);
  headers.set(REQUEST_ID_HEADER, requestId);
  return finish(NextResponse.next({ request: { headers } }));
}

// API routes and public photo files never run the proxy: it would let them through anyway, and
// running it makes Next buffer a request's whole body first (photo uploads stream instead).
export const config = { matcher: ["/((?!api/|media/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)"] };
