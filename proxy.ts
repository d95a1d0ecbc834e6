/**
 * Sends visitors without a session cookie to /login. It only looks for the cookie: every page,
 * action and route verifies the session itself. It deliberately does not refresh the session
 * cookie (as Auth.js's own middleware does), so a request still in flight when someone signs
 * out cannot set the cookie again.
 */
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";

const PUBLIC_PATHS = ["/login", "/api/"];
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export default function proxy(request: NextRequest) {
  // Every request gets an id: server code logs with it (lib/log/request.ts), the response echoes it.
  const requestId = requestIdFrom(request.headers);
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  const pass = () => withRequestId(NextResponse.next({ request: { headers: forwarded } }), requestId);

  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p))) return pass();
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (hasSession) return pass();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", pathname + search);
  return withRequestId(NextResponse.redirect(login), requestId);
}

function withRequestId(response: NextResponse, requestId: string) {
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// API routes and public photo files never run the proxy: it would let them through anyway, and
// running it makes Next buffer a request's whole body first (photo uploads stream instead).
export const config = { matcher: ["/((?!api/|media/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)"] };
