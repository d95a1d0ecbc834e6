/**
 * Auth.js: e-mail + password against our users, throttled, with a server-side session record
 * behind every cookie (lib/auth/sessions). The cookie alone never keeps anyone signed in: every
 * read of it — pages, actions, routes and GET /api/auth/session — checks that its session row
 * still exists and has not passed its absolute expiry, and clears the cookie otherwise.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate } from "@/lib/auth/credentials";
import { clientAddress, parseTrustedProxies } from "@/lib/auth/client-address";
import { sameOriginRedirect } from "@/lib/auth/redirect";
import { endSession, liveSessionUser, startSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";

export class WrongCredentials extends CredentialsSignin {
  code = "wrong_credentials";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

const credentialsSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(500) });

let trustedProxies: ReturnType<typeof parseTrustedProxies> | undefined;

// Lazy configuration: the environment is read on the first request, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  pages: { signIn: "/login" },
  // The cookie's own lifetime; the session row's expiresAt is the absolute limit.
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_HOURS * 3600 },
  trustHost: true,
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        const session = await startSession(user.id);
        return { sub: user.id, uid: user.id, sid: session.secret };
      }
      const userId = await liveSessionUser(token.sid);
      // null makes Auth.js refuse the session and clear the cookie.
      return userId && userId === token.uid ? token : null;
    },
    session({ session, token }) {
      // What GET /api/auth/session shows the browser: the user id, never the session secret.
      if (token.uid && session.user) session.user.id = token.uid as string;
      return session;
    },
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token) await endSession(message.token.sid);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        trustedProxies ??= parseTrustedProxies(env().TRUSTED_PROXIES);
        const address = clientAddress(new Headers(request?.headers), trustedProxies);
        const result = await authenticate(parsed.data.email, parsed.data.password, address);
        if (!result.ok) throw result.reason === "throttled" ? new TooManyAttempts(result.retryAfterSeconds) : new WrongCredentials();
        return result.user;
      },
    }),
  ],
}));
