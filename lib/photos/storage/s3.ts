/**
 * S3-compatible storage (AWS S3, MinIO, Cloudflare R2, …) through the AWS SDK v3. Objects are
 * `<prefix><dealer id>/<file>`, written with their content type and immutable cache headers;
 * the bucket (or a CDN before it) serves them publicly at PHOTOS_PUBLIC_BASE_URL.
 */
import "server-only";
import { DeleteObjectsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DEALER_DIR, PHOTO_FILE_NAME } from "@/lib/photos/variants";
import { PHOTO_CACHE_CONTROL, PHOTO_CONTENT_TYPE, type PhotoStore, type StoredFile } from "@/lib/photos/storage/types";
import type { StorageSettings } from "@/lib/photos/settings";

type S3Settings = Extract<StorageSettings, { kind: "s3" }>;

export class S3Store implements PhotoStore {
  readonly kind = "s3";
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      // Other providers are addressed by path (http://host/bucket/key): no wildcard DNS needed.
      forcePathStyle: Boolean(settings.endpoint),
      credentials: settings.credentials,
      // Checksums only where S3 requires them: several S3-compatible servers reject the
      // streaming checksum trailers the SDK adds by default since early 2025.
      requestChecksumCalculation: settings.endpoint ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
      responseChecksumValidation: settings.endpoint ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
      maxAttempts: 3,
    });
  }

  private key(dealerId: string, name: string) {
    if (!DEALER_DIR.test(dealerId) || !PHOTO_FILE_NAME.test(name)) throw new Error(`refusing the object name ${dealerId}/${name}`);
    return `${this.settings.prefix}${dealerId}/${name}`;
  }

  async put(dealerId: string, files: StoredFile[]) {
    for (const file of files) {
      await this.client.send(new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.key(dealerId, file.name),
        Body: file.bytes,
        ContentType: PHOTO_CONTENT_TYPE,
        CacheControl: PHOTO_CACHE_CONTROL,
      }));
    }
  }

  async remove(dealerId: string, names: string[]) {
    if (names.length === 0) return;
    const result = await this.client.send(new DeleteObjectsCommand({
      Bucket: this.settings.bucket,
      Delete: { Objects: names.map((name) => ({ Key: this.key(dealerId, name) })), Quiet: true },
    }));
    if (result.Errors?.length) throw new Error(`S3 could not delete ${result.Errors.length} photo file(s): ${result.Errors[0].Code ?? "error"}`);
  }

  destroy() {
    this.client.destroy();
  }
}
