/**
 * The environment, validated once with zod. A missing or malformed variable stops start-up with
 * a message that names it and says what to set (see .env.example).
 */
import { isIP } from "node:net";
import { z } from "zod";

const base64Key = /^[A-Za-z0-9+/]{43}=$/;

function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ message: "must be a postgresql:// URL (npm run dev sets it for the embedded database)" }),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)"),
  /** Absolute session lifetime in hours, counted from sign-in; activity never extends it. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Sign-in attempts per account from one client address within LOGIN_THROTTLE_WINDOW_MINUTES. */
  LOGIN_THROTTLE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins from one client address, whatever the accounts, within the window. */
  LOGIN_THROTTLE_ADDRESS_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(30),
  /** Failed sign-ins on one account from addresses it never signed in from, within the window. */
  LOGIN_THROTTLE_ACCOUNT_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(20),
  LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges
   * (`10.0.0.0/8, 2001:db8::/32`). Empty: the header is ignored and the connecting address counts.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine((v) => v.split(",").map((s) => s.trim()).filter(Boolean).every(isAddressOrRange), "must be comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8,::1"),
  /**
   * Token encryption keys, newest last: `id:base64key,id2:base64key2`, each key 32 bytes.
   * The dev script creates one under .data/ when unset.
   */
  VAULT_KEYS: z
    .string()
    .min(1)
    .refine(
      (v) => v.split(",").every((entry) => /^[A-Za-z0-9_-]+$/.test(entry.split(":")[0] ?? "") && base64Key.test(entry.split(":")[1] ?? "")),
      "must be `id:base64key[,id:base64key…]`, each key 32 bytes in base64 (generate: openssl rand -base64 32)",
    ),
  SANDBOX_OKASIE_URL: z.url().default("http://127.0.0.1:4010/api/external/v1"),
  SANDBOX_BLOCKET_URL: z.url().default("http://127.0.0.1:4020/pro-import-api"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Reads and validates the environment on first use. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * Whether this is a production build or server (HSTS, the strict CSP). Read directly, not through
 * env(): it is needed where the rest of the environment may be missing (next.config.ts, proxy.ts).
 */
export const isProduction = () => process.env.NODE_ENV === "production";
