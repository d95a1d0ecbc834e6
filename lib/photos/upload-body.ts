/**
 * Reads an upload's body (the file's bytes, nothing around them) with its size checked as it
 * streams in: a declared Content-Length over the limit is refused before reading anything, and
 * a body that grows past the limit is refused at that point, never held whole.
 */
import { PhotoError } from "@/lib/photos/errors";

export async function readUploadBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PhotoError("too_large", { maxBytes });
  if (!request.body) throw new PhotoError("empty");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch(() => {
        throw new PhotoError("aborted");
      });
      if (done) break;
      total += value.byteLength;
      // Stop reading: the rest of the body is never pulled into memory.
      if (total > maxBytes) throw new PhotoError("too_large", { maxBytes });
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (total === 0) throw new PhotoError("empty");
  return Buffer.concat(chunks, total);
}
