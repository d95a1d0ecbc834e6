/**
 * A guard against zip bombs before a spreadsheet library opens an .xlsx (a zip of XML files):
 * reads the zip's central directory and inflates every entry with a hard output limit, so a file
 * that claims small sizes but inflates to gigabytes is refused after at most `maxBytes` of work.
 * The library then opens a file proven to stay within bounds. Zip64 and encryption are refused:
 * no spreadsheet within our size cap needs them.
 */
import "server-only";
import { inflateRawSync } from "node:zlib";

export type ZipVerdict = { ok: true; entries: number; bytes: number } | { ok: false; reason: "notZip" | "tooLarge" | "tooManyEntries" };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function checkZipBounds(zip: Buffer, limits: { maxBytes: number; maxEntries: number }): ZipVerdict {
  // The end-of-central-directory record: within the last 22 + 65 535 (comment) bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) return { ok: false, reason: "notZip" };
  const count = zip.readUInt16LE(eocd + 10);
  const directoryOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, reason: "notZip" }; // zip64
  if (count > limits.maxEntries) return { ok: false, reason: "tooManyEntries" };
  let bytes = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: "notZip" };
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    const next = at + 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (flags & 0x1) return { ok: false, reason: "notZip" }; // encrypted
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return { ok: false, reason: "notZip" };
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) return { ok: false, reason: "notZip" };
    const data = zip.subarray(start, start + compressed);
    const left = limits.maxBytes - bytes;
    if (method === 0) bytes += data.length;
    else if (method === 8) {
      try {
        // One byte over what is left proves the entry too large without inflating further.
        bytes += inflateRawSync(data, { maxOutputLength: left + 1 }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) return { ok: false, reason: "tooLarge" };
        return { ok: false, reason: "notZip" };
      }
    } else return { ok: false, reason: "notZip" };
    if (bytes > limits.maxBytes) return { ok: false, reason: "tooLarge" };
    at = next;
  }
  return { ok: true, entries: count, bytes };
}
