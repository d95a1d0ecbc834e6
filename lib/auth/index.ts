/** Auth.js: e-mail + password against our users, JWT sessions that expire, throttled sign-in. */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { authConfig } from "@/lib/auth/config";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clearFailedLogins, isThrottled, recordFailedLogin } from "@/lib/auth/throttle";

export class WrongCredentials extends CredentialsSignin {
  code = "wrong_credentials";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(500) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        const email = parsed.data.email.toLowerCase();
        if (await isThrottled(email)) throw new TooManyAttempts();
        const user = await db.user.findUnique({ where: { email } });
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
        if (!user || !ok) {
          const ip = request?.headers?.get?.("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
          await recordFailedLogin(email, ip);
          throw new WrongCredentials();
        }
        await clearFailedLogins(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
});
