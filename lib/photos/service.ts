/**
 * A dealer's photos: upload, list, delete. Every query filters by dealerId; another dealer's
 * photo is "not found". The caller (a route handler) has checked the session and permission.
 *
 * How photos and listings meet: a listing holds its photos' URLs in `Listing.images`, in the
 * dealer's order, beside any URL a dealer typed (their own CDN). The adapters keep sending that
 * URL list. A photo is "in use" while a listing of its dealer holds its URL.
 */
import "server-only";
import { db } from "@/lib/db";
import { PhotoError } from "@/lib/photos/errors";
import { Gate, GateFullError } from "@/lib/photos/gate";
import { processPhoto, sha256Hex } from "@/lib/photos/process";
import { photoSettings } from "@/lib/photos/settings";
import { photoStore } from "@/lib/photos/storage";
import { parsePhotoUrl } from "@/lib/photos/urls";
import { readUploadBody } from "@/lib/photos/upload-body";
import { photoFileName, THUMBNAILS, type ThumbnailName } from "@/lib/photos/variants";

/** What the API answers for a photo. */
export interface PhotoView {
  id: string;
  /** The master: the URL that goes into `Listing.images` and to the marketplaces. */
  url: string;
  /** 320 px, for the grid and the phone's card list. */
  thumbnailUrl: string;
  /** 800 px, for the editor's photo list and the car page. */
  previewUrl: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  sourceFormat: string;
  createdAt: string;
}

const PHOTO_FIELDS = { id: true, dealerId: true, sha256: true, width: true, height: true, bytes: true, sourceFormat: true, createdAt: true } as const;
type PhotoRow = { id: string; dealerId: string; sha256: string; width: number; height: number; bytes: number; sourceFormat: string; createdAt: Date };

function fileUrl(dealerId: string, sha256: string, variant: "master" | ThumbnailName) {
  return `${photoSettings().publicBaseUrl}/${dealerId}/${photoFileName(sha256, variant)}`;
}

export function toView(row: PhotoRow): PhotoView {
  return {
    id: row.id,
    url: fileUrl(row.dealerId, row.sha256, "master"),
    thumbnailUrl: fileUrl(row.dealerId, row.sha256, "grid"),
    previewUrl: fileUrl(row.dealerId, row.sha256, "editor"),
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    sha256: row.sha256,
    sourceFormat: row.sourceFormat,
    createdAt: row.createdAt.toISOString(),
  };
}

const allFileNames = (sha256: string) => [photoFileName(sha256), ...(Object.keys(THUMBNAILS) as ThumbnailName[]).map((t) => photoFileName(sha256, t))];

/**
 * Uploads being received or processed in this process. Each holds its body (≤ the upload limit)
 * in memory, so this bounds memory; more wait (their bytes stay in the network until then), and
 * beyond `maxWaiting` the answer is "busy".
 */
const uploads = new Gate(3, 30);

/**
 * One upload: the request's body is the file. The same photo uploaded again (same bytes, or a
 * different file that gives the same master) answers the existing photo: `created` is false.
 */
export async function uploadPhoto(dealerId: string, uploadedById: string | null, request: Request): Promise<{ photo: PhotoView; created: boolean }> {
  try {
    return await uploads.run(async () => {
      const input = await readUploadBody(request, photoSettings().maxUploadBytes);
      const sourceSha256 = sha256Hex(input);
      const sameFile = await db.photo.findFirst({ where: { dealerId, sourceSha256 }, select: PHOTO_FIELDS });
      if (sameFile) return { photo: toView(sameFile), created: false };

      const processed = await processPhoto(input);
      const samePhoto = await db.photo.findUnique({ where: { dealerId_sha256: { dealerId, sha256: processed.sha256 } }, select: PHOTO_FIELDS });
      if (samePhoto) return { photo: toView(samePhoto), created: false };

      const store = photoStore();
      await store
        .put(dealerId, [
          { name: photoFileName(processed.sha256), bytes: processed.master },
          ...(Object.keys(THUMBNAILS) as ThumbnailName[]).map((t) => ({ name: photoFileName(processed.sha256, t), bytes: processed.thumbnails[t] })),
        ])
        .catch((e) => {
          console.error(`photos: storing ${processed.sha256} failed: ${e instanceof Error ? e.message : e}`);
          throw new PhotoError("storage_unavailable");
        });
      // Two uploads of one photo at once: the second finds the first's row (same files).
      const row = await db.photo.upsert({
        where: { dealerId_sha256: { dealerId, sha256: processed.sha256 } },
        create: {
          dealerId, sha256: processed.sha256, sourceSha256, sourceFormat: processed.sourceFormat,
          width: processed.width, height: processed.height, bytes: processed.master.byteLength, storage: store.kind, uploadedById,
        },
        update: {},
        select: PHOTO_FIELDS,
      });
      return { photo: toView(row), created: true };
    });
  } catch (e) {
    if (e instanceof GateFullError) throw new PhotoError("busy");
    throw e;
  }
}

/** The dealer's photos, newest first; `ids` limits the answer to those (others' ids are skipped). */
export async function listPhotos(dealerId: string, { ids, limit = 200 }: { ids?: string[]; limit?: number } = {}): Promise<PhotoView[]> {
  const rows = await db.photo.findMany({
    where: { dealerId, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: Math.min(limit, 500),
    select: PHOTO_FIELDS,
  });
  return rows.map(toView);
}

export async function getPhoto(dealerId: string, id: string): Promise<PhotoView> {
  const row = await db.photo.findFirst({ where: { dealerId, id }, select: PHOTO_FIELDS });
  if (!row) throw new PhotoError("not_found");
  return toView(row);
}

/**
 * A listing's image URLs with the photo behind each one we host for this dealer (null for a URL
 * typed by the dealer, or another dealer's photo), in the listing's order: for the editor's list.
 */
export async function photosForImages(dealerId: string, images: string[]): Promise<{ url: string; photo: PhotoView | null }[]> {
  const shas = images.map((url) => parsePhotoUrl(url)).filter((p) => p?.dealerId === dealerId).map((p) => p!.sha256);
  const rows = shas.length ? await db.photo.findMany({ where: { dealerId, sha256: { in: shas } }, select: PHOTO_FIELDS }) : [];
  const bySha = new Map(rows.map((r) => [r.sha256, r]));
  return images.map((url) => {
    const parsed = parsePhotoUrl(url);
    const row = parsed?.dealerId === dealerId ? bySha.get(parsed.sha256) : undefined;
    return { url, photo: row ? toView(row) : null };
  });
}

/** How many of the dealer's listings hold this photo's URL (under any host it was issued at). */
export async function listingsUsingPhoto(dealerId: string, sha256: string): Promise<number> {
  const suffix = `%/${dealerId}/${sha256}.jpg`;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Listing" l
    WHERE l."dealerId" = ${dealerId} AND EXISTS (SELECT 1 FROM unnest(l.images) AS u(url) WHERE u.url LIKE ${suffix})`;
  return row?.n ?? 0;
}

/** Removes the row, then the files (a file left behind by a failure is harmless; a row without files is not). */
async function removePhoto(row: { id: string; dealerId: string; sha256: string }) {
  await db.photo.deleteMany({ where: { dealerId: row.dealerId, id: row.id } });
  await photoStore().remove(row.dealerId, allFileNames(row.sha256));
}

/** Deletes a photo no listing shows (e.g. an upload the dealer took back before saving). */
export async function deletePhoto(dealerId: string, id: string): Promise<void> {
  const row = await db.photo.findFirst({ where: { dealerId, id }, select: { id: true, dealerId: true, sha256: true } });
  if (!row) throw new PhotoError("not_found");
  const listings = await listingsUsingPhoto(dealerId, row.sha256);
  if (listings > 0) throw new PhotoError("in_use", { listings });
  await removePhoto(row);
}

/**
 * After a car is deleted (so its ads are gone: deleteListings refuses while any is live), removes
 * the photos among its image URLs that no other listing of the dealer shows. Call it with the
 * deleted car's `images`; URLs we do not host, or that another car still uses, are left alone.
 */
export async function deleteCarPhotos(dealerId: string, images: string[]): Promise<{ deleted: number }> {
  const shas = [...new Set(images.map((u) => parsePhotoUrl(u)).filter((p) => p?.dealerId === dealerId).map((p) => p!.sha256))];
  if (shas.length === 0) return { deleted: 0 };
  const rows = await db.photo.findMany({ where: { dealerId, sha256: { in: shas } }, select: { id: true, dealerId: true, sha256: true } });
  let deleted = 0;
  for (const row of rows) {
    if ((await listingsUsingPhoto(dealerId, row.sha256)) > 0) continue;
    await removePhoto(row);
    deleted += 1;
  }
  return { deleted };
}

/**
 * Garbage collection: deletes photos no listing has shown for `graceHours` — uploads never saved
 * into a listing, and photos the dealer removed from every listing. The grace leaves time for an
 * editor left open before saving and for the marketplaces to fetch the new image list. A photo
 * found in use is stamped, so it survives at least `graceHours` after it was last seen in use.
 * Meant to run periodically (e.g. hourly from the worker); safe to run in several processes.
 */
export async function collectPhotoGarbage({ graceHours = 72, now = new Date(), batchSize = 200 } = {}): Promise<{ deleted: number; inUse: number }> {
  const cutoff = new Date(now.getTime() - graceHours * 3600_000);
  let deleted = 0;
  let inUse = 0;
  for (;;) {
    const candidates = await db.photo.findMany({
      where: { createdAt: { lt: cutoff }, OR: [{ lastSeenInUseAt: null }, { lastSeenInUseAt: { lt: cutoff } }] },
      orderBy: { createdAt: "asc" },
      take: batchSize,
      select: { id: true, dealerId: true, sha256: true },
    });
    for (const photo of candidates) {
      if ((await listingsUsingPhoto(photo.dealerId, photo.sha256)) > 0) {
        await db.photo.updateMany({ where: { dealerId: photo.dealerId, id: photo.id }, data: { lastSeenInUseAt: now } });
        inUse += 1;
      } else {
        await removePhoto(photo);
        deleted += 1;
      }
    }
    if (candidates.length < batchSize) return { deleted, inUse };
  }
}
