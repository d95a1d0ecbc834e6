/**
 * What kind of file this is, from its first bytes only (never its name or declared type), so a
 * decoder only ever sees a format we chose to accept.
 */

/** Formats we take; everything is re-encoded as JPEG. */
export const ACCEPTED_FORMATS = ["jpeg", "png", "heic", "webp", "avif"] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

export type Sniffed = { kind: "accepted"; format: AcceptedFormat } | { kind: "unsupported"; format: string } | { kind: "unknown" };

/** Bytes needed to decide. */
export const SNIFF_BYTES = 256;

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** ISO-BMFF brands (the `ftyp` box): HEIC from iPhones, AVIF from some Android phones. */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

function sniffIsoBmff(bytes: Uint8Array): Sniffed | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return null;
  const boxSize = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const end = Math.min(bytes.length, Math.max(16, boxSize));
  const brands = [ascii(bytes, 8, 12)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(bytes, i, i + 4));
  // AVIF files list mif1 too, so AVIF wins when both appear.
  if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: "accepted", format: "avif" };
  if (brands.some((b) => HEIC_BRANDS.has(b))) return { kind: "accepted", format: "heic" };
  return { kind: "unsupported", format: brands[0].trim() || "iso-bmff" }; // a video (mp4, mov) and the like
}

export function sniffImage(head: Uint8Array): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "accepted", format: "jpeg" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "accepted", format: "png" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { kind: "accepted", format: "webp" };
  const bmff = sniffIsoBmff(head);
  if (bmff) return bmff;
  // Images we recognise but do not take: a clear "unsupported format" beats "not an image".
  if (ascii(head, 0, 4) === "GIF8") return { kind: "unsupported", format: "gif" };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: "unsupported", format: "tiff" };
  if (ascii(head, 0, 2) === "BM") return { kind: "unsupported", format: "bmp" };
  if (startsWith(head, [0xff, 0x0a]) || startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return { kind: "unsupported", format: "jxl" };
  if (ascii(head, 0, 4) === "%PDF") return { kind: "unsupported", format: "pdf" };
  const text = ascii(head, 0, head.length).trimStart().toLowerCase();
  if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg"))) return { kind: "unsupported", format: "svg" };
  return { kind: "unknown" };
}
