/**
 * The part of the Auth.js configuration that needs no database, shared by the route proxy
 * (proxy.ts) and the full configuration in ./index.ts.
 */
import type { NextAuthConfig } from "next-auth";

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: Number(process.env.SESSION_MAX_AGE_HOURS ?? 12) * 3600 },
  trustHost: true,
  providers: [],
  callbacks: {
    /** Signed-out visitors are sent to /login; every page and action still checks on the server. */
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      if (PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) return true;
      if (path.startsWith("/api/")) return true; // API routes answer 401/404 themselves
      return !!auth?.user;
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) session.user.id = token.uid as string;
      (session as { issuedAt?: number }).issuedAt = token.iat as number | undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;
