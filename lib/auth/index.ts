/** Auth.js: e-mail + password against our users, JWT sessions that expire, throttled sign-in. */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate } from "@/lib/auth/credentials";

export class WrongCredentials extends CredentialsSignin {
  code = "wrong_credentials";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(500) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  pages: { signIn: "/login" },
  // Sessions end SESSION_MAX_AGE_HOURS after sign-in (proxy.ts does not roll them forward).
  session: { strategy: "jwt", maxAge: Number(process.env.SESSION_MAX_AGE_HOURS ?? 12) * 3600 },
  trustHost: true,
  callbacks: {
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
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        const ip = request?.headers?.get?.("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
        const result = await authenticate(parsed.data.email, parsed.data.password, ip);
        if (!result.ok) throw result.reason === "throttled" ? new TooManyAttempts() : new WrongCredentials();
        return result.user;
      },
    }),
  ],
});
