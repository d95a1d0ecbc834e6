/**
 * Sends visitors without a session cookie to /login. It only looks for the cookie: every page,
 * action and route verifies the session itself. It deliberately does not refresh the session
 * cookie (as Auth.js's own middleware does), so a request still in flight when someone signs
 * out cannot set the cookie again.
 */
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PATHS = ["/login", "/api/"];
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p))) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (hasSession) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

// API routes and public photo files never run the proxy: it would let them through anyway, and
// running it makes Next buffer a request's whole body first (photo uploads stream instead).
export const config = { matcher: ["/((?!api/|media/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)"] };
