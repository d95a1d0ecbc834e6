/** The photo store the settings select, one per process. */
import "server-only";
import { photoSettings, type StorageSettings } from "@/lib/photos/settings";
import { DiskStore } from "@/lib/photos/storage/disk";
import { S3Store } from "@/lib/photos/storage/s3";
import type { PhotoStore } from "@/lib/photos/storage/types";

let cached: PhotoStore | undefined;

export function createStore(storage: StorageSettings): PhotoStore {
  return storage.kind === "s3" ? new S3Store(storage) : new DiskStore(storage.directory);
}

export function photoStore(): PhotoStore {
  cached ??= createStore(photoSettings().storage);
  return cached;
}
