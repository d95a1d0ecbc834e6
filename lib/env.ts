/**
 * The environment, validated once with zod. A missing or malformed variable stops start-up with
 * a message that names it and says what to set (see .env.example, which lists every variable).
 * This is the only module that reads `process.env`.
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

/** "0"/"1", "off"/"on", "false"/"true", "no"/"yes" → boolean; empty → the default. */
const flag = (fallback: boolean) =>
  z
    .preprocess((v) => (v === undefined || v === "" ? undefined : String(v).trim().toLowerCase()), z.enum(["0", "1", "off", "on", "false", "true", "no", "yes"], { message: "must be on or off (1/0, true/false)" }).optional())
    .transform((v) => (v === undefined ? fallback : ["1", "on", "true", "yes"].includes(v)));

/** An optional number: empty or unset → undefined (the consumer's default applies). */
const optionalNumber = (schema: z.ZodNumber) => z.preprocess((v) => (v === undefined || v === "" ? undefined : v), z.coerce.number().pipe(schema).optional());
const numberOr = (schema: z.ZodNumber, fallback: number) => z.preprocess((v) => (v === undefined || v === "" ? undefined : v), z.coerce.number().pipe(schema).default(fallback));
const port = (fallback: number) => numberOr(z.number().int().min(1).max(65_535), fallback);

/** Request windows of a rate budget: `points/seconds[,points/seconds…]`, e.g. `120/60,5/1`. */
const rateWindows = z
  .preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\s*\d+\s*\/\s*\d+(\.\d+)?\s*(,\s*\d+\s*\/\s*\d+(\.\d+)?\s*)*$/, "must be points/seconds[,points/seconds…], e.g. 120/60,5/1").optional())
  .transform((v) => v?.split(",").map((w) => {
    const [points, durationSec] = w.split("/").map((n) => Number(n.trim()));
    return { points, durationSec };
  }));

/** Operations: public address, mail, alerts, metrics (see docs/operations.md). */
const operationsSchema = {
  /** The app's public URL (links in e-mails). Required in production. */
  APP_URL: z.url({ message: "must be the app's public URL, e.g. https://forecourt.example.com" }).optional(),
  /** SMTP server for alert mails: smtp://user:password@host:587 (smtps:// for TLS). Unset: no mail is sent. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, "must be smtp://user:password@host:port or smtps://…").optional(),
  /** Sender of alert mails. */
  MAIL_FROM: z.string().min(3).default("Forecourt <alerts@forecourt.invalid>"),
  /** How often alerts are evaluated, and when the daily digest goes out (cron, UTC). */
  ALERTS_SCAN_CRON: z.string().min(9).default("* * * * *"),
  ALERTS_DIGEST_CRON: z.string().min(9).default("0 6 * * *"),
  /** Consecutive failed syncs of one connection that make "a sync failing repeatedly". */
  ALERTS_FAILED_RUNS: z.coerce.number().int().min(2).max(50).default(3),
  /** Bearer token for GET /api/metrics. Unset: the route answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 24)").optional(),
  /** Days the sync history (runs, their items, Blocket's mirrored ad log) is kept (lib/ops/retention.ts). */
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(180),
  /** Days the audit log is kept. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(90).max(3650).default(730),
};

/** Empty means unset, as in a copied .env.example. */
const unsetIfEmpty = (v: unknown) => (v === "" ? undefined : v);

/** Photos (lib/photos): processing limits, where files are stored, and the URL they are served at. */
const photosSchema = {
  /** Port of the web app; the default public photo URL (embedded storage) points at it. */
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65_535).default(3000)),
  /** Public base URL of photos; a photo is `<base>/<dealer id>/<sha256>.jpg`. Default: http://localhost:PORT/media/photos (disk), the bucket's URL (S3). */
  PHOTOS_PUBLIC_BASE_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/, message: "must be an http(s) URL, e.g. https://photos.example.com" }).optional()),
  /** Embedded storage: the directory photos are written to (relative to the working directory). */
  PHOTOS_DIR: z.preprocess(unsetIfEmpty, z.string().default(".data/photos")),
  /** Largest upload accepted, in megabytes (checked while the upload streams in). */
  PHOTOS_MAX_UPLOAD_MB: z.preprocess(unsetIfEmpty, z.coerce.number().positive().max(200).default(25)),
  /** S3-compatible storage: set the bucket to use it instead of the embedded storage. */
  PHOTOS_S3_BUCKET: z.preprocess(unsetIfEmpty, z.string().optional()),
  PHOTOS_S3_REGION: z.preprocess(unsetIfEmpty, z.string().default("us-east-1")),
  /** Endpoint of a non-AWS provider (MinIO, R2, …); unset: AWS S3. */
  PHOTOS_S3_ENDPOINT: z.preprocess(unsetIfEmpty, z.url().optional()),
  /** Credentials; unset: the AWS SDK's default chain (instance role, AWS_* variables). */
  PHOTOS_S3_ACCESS_KEY_ID: z.preprocess(unsetIfEmpty, z.string().optional()),
  PHOTOS_S3_SECRET_ACCESS_KEY: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Key prefix inside the bucket. */
  PHOTOS_S3_PREFIX: z.preprocess(unsetIfEmpty, z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, "must be folder names ending with /, e.g. photos/").default("photos/")),
};

const schema = z.object({
  NODE_ENV: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["development", "test", "production"]).default("development")),
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

  // ---- marketplace sandbox -------------------------------------------------------------------
  /**
   * Whether connections to the local marketplace simulators (environment SANDBOX) may be added
   * and used. On by default in development and tests, off by default in production.
   */
  SANDBOX_CONNECTIONS: z.string().optional(),
  /** Ports of the local simulators; the sandbox URLs below are derived from them when unset. */
  SANDBOX_OKASIE_PORT: port(4010),
  SANDBOX_BLOCKET_PORT: port(4020),
  SANDBOX_OKASIE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  SANDBOX_BLOCKET_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),

  // ---- outbound calls to marketplaces -------------------------------------------------------
  /** Largest response body read from a marketplace, in bytes (a bigger one is refused). */
  MARKETPLACE_MAX_RESPONSE_BYTES: numberOr(z.number().int().min(64 * 1024), 8 * 1024 * 1024),
  /** Most pages one paged read may take before it is stopped as broken (per read). */
  MARKETPLACE_MAX_PAGES: numberOr(z.number().int().min(1), 2_000),

  // ---- sync engine and worker (production uses the defaults; tests and benchmarks tune them) --
  /** PostgreSQL schema of the pg-boss job queue. */
  SYNC_BOSS_SCHEMA: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier").default("pgboss")),
  /** Register the cron schedules (every-minute tick, daily reconcile). */
  SYNC_SCHEDULES: flag(true),
  SYNC_RECONCILE_CRON: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(9).default("30 3 * * *")),
  SYNC_DEBOUNCE_SECONDS: numberOr(z.number().min(0), 5),
  SYNC_RECOVERY_SECONDS: numberOr(z.number().positive(), 15),
  SYNC_STALE_QUEUED_SECONDS: numberOr(z.number().min(0), 60),
  SYNC_POLLING_SECONDS: numberOr(z.number().positive(), 1),
  SYNC_POLL_FIRST_DELAY_SECONDS: numberOr(z.number().positive(), 2),
  SYNC_POLL_MAX_DELAY_SECONDS: numberOr(z.number().positive(), 60),
  SYNC_RUN_CONCURRENCY: numberOr(z.number().int().min(1), 2),
  SYNC_PAGE_SIZE: numberOr(z.number().int().min(1).max(10_000), 500),
  /** HTTP tuning of marketplace calls; unset = each client's own default. */
  SYNC_HTTP_TIMEOUT_MS: optionalNumber(z.number().int().positive()),
  SYNC_HTTP_RETRIES: optionalNumber(z.number().int().min(0)),
  SYNC_HTTP_MIN_BACKOFF_MS: optionalNumber(z.number().int().min(0)),
  SYNC_HTTP_MAX_BACKOFF_MS: optionalNumber(z.number().int().min(0)),
  /** Rate windows replacing a marketplace's documented ones (own budget keys); unset = documented. */
  SYNC_OKASIE_WINDOWS: rateWindows,
  SYNC_BLOCKET_WINDOWS: rateWindows,
  /** Parallel requests inside one Blocket adapter call. */
  SYNC_BLOCKET_CONCURRENCY: numberOr(z.number().int().min(1).max(64), 4),

  ...photosSchema,
  ...operationsSchema,
});

type Parsed = z.infer<typeof schema>;

/** Every variable the schema knows (each is listed with a comment in .env.example). */
export const ENV_KEYS = Object.keys(schema.shape);

export type Env = Omit<Parsed, "SANDBOX_CONNECTIONS" | "SANDBOX_OKASIE_URL" | "SANDBOX_BLOCKET_URL"> & {
  SANDBOX_CONNECTIONS: boolean;
  SANDBOX_OKASIE_URL: string;
  SANDBOX_BLOCKET_URL: string;
};

/** `VAR=` (an empty line in .env, or compose passing an unset variable) means unset. */
const withoutEmpty = (source: Record<string, string | undefined>) => Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));

/** What to set when a required variable is missing (a missing value gets this instead of zod's words). */
const WHEN_MISSING: Record<string, string> = {
  DATABASE_URL: "is not set: postgresql://user:password@host:5432/forecourt",
  AUTH_SECRET: "is not set: 32+ random characters (generate one with: openssl rand -base64 32)",
  VAULT_KEYS: "is not set: id:base64key, e.g. k1:<output of openssl rand -base64 32>",
};

/**
 * Production also needs the public addresses: the app's (links in alert mails, Auth.js callbacks)
 * and, with photos on disk, where the marketplaces download them (the default is localhost).
 */
function productionProblems(source: Record<string, string | undefined>): string[] {
  if (source.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!source.APP_URL) problems.push("APP_URL: must be set in production: the public https:// address of the app, e.g. https://forecourt.example.com");
  if (!source.PHOTOS_PUBLIC_BASE_URL && !source.PHOTOS_S3_BUCKET) {
    problems.push("PHOTOS_PUBLIC_BASE_URL: must be set in production when photos are stored on disk: the public address the marketplaces fetch them from, e.g. https://forecourt.example.com/media/photos");
  }
  return problems;
}

/** Validates `source` (process.env by default) into the environment; throws a readable error. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(withoutEmpty(source));
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => {
      const name = i.path.join(".");
      return `${name}: ${!source[name] && WHEN_MISSING[name] ? WHEN_MISSING[name] : i.message}`;
    })),
    ...productionProblems(source),
  ];
  if (!parsed.success || problems.length) {
    throw new Error(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  const sandbox = flag(e.NODE_ENV !== "production").safeParse(e.SANDBOX_CONNECTIONS);
  if (!sandbox.success) throw new Error(`Invalid environment:\n  - SANDBOX_CONNECTIONS: must be on or off\nSee .env.example for every variable.`);
  return {
    ...e,
    SANDBOX_CONNECTIONS: sandbox.data,
    // A second checkout sets only the ports; the URLs follow them.
    SANDBOX_OKASIE_URL: e.SANDBOX_OKASIE_URL ?? `http://127.0.0.1:${e.SANDBOX_OKASIE_PORT}/api/external/v1`,
    SANDBOX_BLOCKET_URL: e.SANDBOX_BLOCKET_URL ?? `http://127.0.0.1:${e.SANDBOX_BLOCKET_PORT}/pro-import-api`,
  };
}

let cached: Env | undefined;

/** Reads and validates the environment on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Whether this is a production build or server (HSTS, the strict CSP). Read directly, not through
 * env(): it is needed where the rest of the environment may be missing (next.config.ts, proxy.ts).
 */
export const isProduction = () => process.env.NODE_ENV === "production";

const logSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** json (one object per line) or pretty (readable); default: pretty in development, json otherwise. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
});

/** Every variable this module reads, the logging ones included. */
export const ENV_NAMES = [...ENV_KEYS, "LOG_LEVEL", "LOG_FORMAT"];

/**
 * Logging settings alone: the logger starts before (and without) the rest of the environment,
 * e.g. in the dev script before the database exists.
 */
export function logSettings(): { level: string; format: "json" | "pretty" } {
  const parsed = logSchema.safeParse(withoutEmpty(process.env));
  const v = parsed.success ? parsed.data : logSchema.parse({});
  return {
    level: v.LOG_LEVEL ?? (v.NODE_ENV === "test" ? "warn" : "info"),
    format: v.LOG_FORMAT ?? (v.NODE_ENV === "development" ? "pretty" : "json"),
  };
}
