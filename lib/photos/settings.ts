/**
 * Photo settings from the environment (lib/env.ts): where photos are stored and the public URL
 * they are served at.
 */
import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { publicReachability, type Reachability } from "@/lib/photos/urls";

export type StorageSettings =
  | { kind: "disk"; directory: string }
  | { kind: "s3"; bucket: string; region: string; endpoint?: string; prefix: string; credentials?: { accessKeyId: string; secretAccessKey: string } };

export interface PhotoSettings {
  storage: StorageSettings;
  /** Base of every photo URL, without a trailing slash: a photo is `<base>/<dealer id>/<file>`. */
  publicBaseUrl: string;
  maxUploadBytes: number;
  /** The embedded storage's directory; /media/photos serves it even after a switch to S3. */
  diskDirectory: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function photoSettings(): PhotoSettings {
  const e = env();
  const maxUploadBytes = Math.round(e.PHOTOS_MAX_UPLOAD_MB * 1024 * 1024);
  const diskDirectory = path.resolve(e.PHOTOS_DIR);
  if (e.PHOTOS_S3_BUCKET) {
    const credentials = e.PHOTOS_S3_ACCESS_KEY_ID && e.PHOTOS_S3_SECRET_ACCESS_KEY ? { accessKeyId: e.PHOTOS_S3_ACCESS_KEY_ID, secretAccessKey: e.PHOTOS_S3_SECRET_ACCESS_KEY } : undefined;
    const storage = { kind: "s3" as const, bucket: e.PHOTOS_S3_BUCKET, region: e.PHOTOS_S3_REGION, endpoint: e.PHOTOS_S3_ENDPOINT, prefix: e.PHOTOS_S3_PREFIX, credentials };
    // Default: the bucket's own address (path style for other providers, as the client uses).
    const bucketUrl = e.PHOTOS_S3_ENDPOINT ? `${trimSlash(e.PHOTOS_S3_ENDPOINT)}/${e.PHOTOS_S3_BUCKET}` : `https://${e.PHOTOS_S3_BUCKET}.s3.${e.PHOTOS_S3_REGION}.amazonaws.com`;
    return { storage, publicBaseUrl: trimSlash(e.PHOTOS_PUBLIC_BASE_URL ?? `${bucketUrl}/${storage.prefix}`), maxUploadBytes, diskDirectory };
  }
  return {
    storage: { kind: "disk", directory: diskDirectory },
    publicBaseUrl: trimSlash(e.PHOTOS_PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}/media/photos`),
    maxUploadBytes,
    diskDirectory,
  };
}

/**
 * Whether a connection's marketplace can download our photos, for the connection screen and
 * pre-flight (warn when not). A production connection needs a public base URL; the local sandbox
 * fetches from this machine, so localhost is fine there.
 */
export function photoHostingReachability(environment: "PRODUCTION" | "SANDBOX"): Reachability & { publicBaseUrl: string } {
  const { publicBaseUrl } = photoSettings();
  if (environment === "SANDBOX") return { public: true, publicBaseUrl };
  return { ...publicReachability(publicBaseUrl), publicBaseUrl };
}
