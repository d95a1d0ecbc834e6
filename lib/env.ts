/**
 * The environment, validated once with zod. A missing or malformed variable stops start-up with
 * a message that names it and says what to set (see .env.example).
 */
import { z } from "zod";

const base64Key = /^[A-Za-z0-9+/]{43}=$/;

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
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ message: "must be a postgresql:// URL (npm run dev sets it for the embedded database)" }),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)"),
  /** Session lifetime in hours. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Failed sign-ins per e-mail within LOGIN_THROTTLE_WINDOW_MINUTES before sign-in is refused. */
  LOGIN_THROTTLE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
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
  ...operationsSchema,
  ...photosSchema,
});

/** `VAR=` (an empty line in .env, or compose passing an unset variable) means unset. */
const withoutEmpty = (source: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));

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
function productionProblems(source: NodeJS.ProcessEnv): string[] {
  if (source.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!source.APP_URL) problems.push("APP_URL: must be set in production: the public https:// address of the app, e.g. https://forecourt.example.com");
  if (!source.PHOTOS_PUBLIC_BASE_URL && !source.PHOTOS_S3_BUCKET) {
    problems.push("PHOTOS_PUBLIC_BASE_URL: must be set in production when photos are stored on disk: the public address the marketplaces fetch them from, e.g. https://forecourt.example.com/media/photos");
  }
  return problems;
}

export type Env = z.infer<typeof schema>;

/** Every variable this module reads (each is documented in .env.example). */
export const ENV_NAMES = [...Object.keys(schema.shape), "LOG_LEVEL", "LOG_FORMAT"];

let cached: Env | undefined;

/** Reads and validates the environment on first use. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(withoutEmpty(process.env));
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => {
      const name = i.path.join(".");
      return `${name}: ${!process.env[name] && WHEN_MISSING[name] ? WHEN_MISSING[name] : i.message}`;
    })),
    ...productionProblems(process.env),
  ];
  if (!parsed.success || problems.length) {
    throw new Error(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
  }
  cached = parsed.data;
  return cached;
}

const logSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** json (one object per line) or pretty (readable); default: pretty in development, json otherwise. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
});

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
