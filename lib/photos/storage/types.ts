/** Where photo files live. Names are content-addressed, so a file once written never changes. */
export interface StoredFile {
  name: string;
  bytes: Buffer;
}

export interface PhotoStore {
  readonly kind: "disk" | "s3";
  /** Writes the files under `<dealerId>/`; a file that already exists has the same bytes. */
  put(dealerId: string, files: StoredFile[]): Promise<void>;
  /** Deletes the files; missing ones are fine. */
  remove(dealerId: string, names: string[]): Promise<void>;
}

/** Photos are immutable (their name is their hash): caches may keep them for a year. */
export const PHOTO_CACHE_CONTROL = "public, max-age=31536000, immutable";
export const PHOTO_CONTENT_TYPE = "image/jpeg";
