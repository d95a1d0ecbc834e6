/**
 * Turns an uploaded file into what we host: one master JPEG for the marketplaces and two
 * thumbnails for our own screens, upright and without any metadata (EXIF with GPS, XMP, IPTC,
 * ICC: pixels are converted to sRGB first). Deterministic: the same input gives the same bytes,
 * so the master's SHA-256 names the photo (content-addressed URLs).
 *
 * Memory and time are bounded: the format is sniffed from the bytes before any decoder runs,
 * the pixel count is checked from the header before decoding, one photo is processed at a time
 * per process, sharp keeps no cache, and every step has a time-out.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import { PhotoError } from "@/lib/photos/errors";
import { Gate } from "@/lib/photos/gate";
import { decodeHeic, HeicTimeoutError } from "@/lib/photos/heic";
import { sniffImage, type AcceptedFormat } from "@/lib/photos/sniff";
import { MASTER, THUMBNAILS, type ThumbnailName } from "@/lib/photos/variants";

export const LIMITS = {
  /** A 48 MP iPhone or 50 MP Android photo passes; a decompression bomb does not. */
  maxPixels: 52_000_000,
  /** Per sharp pipeline (libvips stops the work) and for the HEIC decode (the worker is ended). */
  timeoutSeconds: 30,
} as const;

export interface ProcessedPhoto {
  /** SHA-256 (hex) of the master JPEG: the photo's name. */
  sha256: string;
  /** SHA-256 of the bytes uploaded: a re-upload of the same file needs no processing. */
  sourceSha256: string;
  sourceFormat: AcceptedFormat;
  width: number;
  height: number;
  master: Buffer;
  thumbnails: Record<ThumbnailName, Buffer>;
}

// Every photo is decoded once: a cache would only hold memory.
sharp.cache(false);

/** One photo at a time per process: peak memory is one photo's, however many arrive. */
const processing = new Gate(1);

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  // Sniff before queueing: a text file is refused at once, not after the photos ahead of it.
  const sniffed = sniffImage(input.subarray(0, 256));
  if (sniffed.kind === "unknown") return Promise.reject(new PhotoError("not_an_image"));
  if (sniffed.kind === "unsupported") return Promise.reject(new PhotoError("unsupported_format", { format: sniffed.format }));
  return processing.run(() => processAccepted(input, sniffed.format));
}

async function processAccepted(input: Buffer, format: AcceptedFormat): Promise<ProcessedPhoto> {
  const header = await sharp(input, { limitInputPixels: false }).metadata().catch(() => {
    throw new PhotoError("corrupt_image");
  });
  if (!header.width || !header.height) throw new PhotoError("corrupt_image");
  if (header.width * header.height > LIMITS.maxPixels) throw new PhotoError("too_many_pixels", { maxMegapixels: Math.floor(LIMITS.maxPixels / 1e6) });

  const source = format === "heic" ? await heicSource(input) : sharp(input, { limitInputPixels: LIMITS.maxPixels, failOn: "error" }).autoOrient();
  const master = await source
    .resize(MASTER.maxEdge, MASTER.maxEdge, { fit: "inside", withoutEnlargement: true })
    // Transparent PNG areas become white, not JPEG's default black.
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: MASTER.quality })
    .timeout({ seconds: LIMITS.timeoutSeconds })
    .toBuffer({ resolveWithObject: true })
    .catch(rethrowAsPhotoError);

  const thumbnails = {} as Record<ThumbnailName, Buffer>;
  for (const [name, t] of Object.entries(THUMBNAILS) as [ThumbnailName, (typeof THUMBNAILS)[ThumbnailName]][]) {
    thumbnails[name] = await sharp(master.data)
      .resize(t.maxEdge, t.maxEdge, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: t.quality })
      .timeout({ seconds: LIMITS.timeoutSeconds })
      .toBuffer()
      .catch(rethrowAsPhotoError);
  }

  return {
    sha256: sha256Hex(master.data),
    sourceSha256: sha256Hex(input),
    sourceFormat: format,
    width: master.info.width,
    height: master.info.height,
    master: master.data,
    thumbnails,
  };
}

/**
 * HEIC pixels come out of libheif already turned upright (it applies the file's own rotation,
 * which is what iPhones use; their EXIF orientation must then be ignored) and without metadata.
 */
async function heicSource(input: Buffer) {
  try {
    const raw = await decodeHeic(input, { timeoutMs: LIMITS.timeoutSeconds * 1000 });
    return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 }, limitInputPixels: LIMITS.maxPixels });
  } catch (e) {
    if (e instanceof HeicTimeoutError) throw new PhotoError("timeout");
    throw new PhotoError("corrupt_image");
  }
}

function rethrowAsPhotoError(e: unknown): never {
  if (e instanceof PhotoError) throw e;
  const message = e instanceof Error ? e.message : String(e);
  if (/timeout/i.test(message)) throw new PhotoError("timeout");
  if (/pixel limit/i.test(message)) throw new PhotoError("too_many_pixels", { maxMegapixels: Math.floor(LIMITS.maxPixels / 1e6) });
  throw new PhotoError("corrupt_image");
}
