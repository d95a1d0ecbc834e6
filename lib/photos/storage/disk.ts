/**
 * The embedded default: files under a directory (PHOTOS_DIR, `.data/photos`), served by the app
 * at /media/photos/<dealer id>/<file>. Only names matching the photo patterns are ever joined to
 * the directory, so no request can reach outside it.
 */
import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { DEALER_DIR, PHOTO_FILE_NAME } from "@/lib/photos/variants";
import type { PhotoStore, StoredFile } from "@/lib/photos/storage/types";

function safePath(directory: string, dealerId: string, name: string): string | null {
  if (!DEALER_DIR.test(dealerId) || !PHOTO_FILE_NAME.test(name)) return null;
  return path.join(directory, dealerId, name);
}

export class DiskStore implements PhotoStore {
  readonly kind = "disk";
  constructor(private readonly directory: string) {}

  async put(dealerId: string, files: StoredFile[]) {
    for (const file of files) {
      const target = safePath(this.directory, dealerId, file.name);
      if (!target) throw new Error(`refusing to store ${dealerId}/${file.name}`);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temp, file.bytes);
      await rename(temp, target);
    }
  }

  async remove(dealerId: string, names: string[]) {
    for (const name of names) {
      const target = safePath(this.directory, dealerId, name);
      if (target) await rm(target, { force: true });
    }
  }

  /** A stored file to serve, or null when the name is not a photo's or the file is gone. */
  async open(dealerId: string, name: string) {
    const target = safePath(this.directory, dealerId, name);
    if (!target) return null;
    try {
      const info = await stat(target);
      if (!info.isFile()) return null;
      return { size: info.size, stream: () => createReadStream(target) };
    } catch {
      return null;
    }
  }
}
