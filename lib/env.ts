/**
 * The environment, validated once with zod. A missing or malformed variable stops start-up with
 * a message that names it and says what to set (see .env.example).
 */
import { z } from "zod";

const base64Key = /^[A-Za-z0-9+/]{43}=$/;

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
  ...photosSchema,
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
