/**
 * Public photo files of the embedded storage (PHOTOS_DIR), for the marketplaces and our pages:
 * no session needed, immutable cache headers (a file's name is its content's hash). Only names
 * of the photo patterns are looked up, so no path can reach outside the directory.
 */
import { Readable } from "node:stream";
import { photoSettings } from "@/lib/photos/settings";
import { DiskStore } from "@/lib/photos/storage/disk";
import { PHOTO_CACHE_CONTROL, PHOTO_CONTENT_TYPE } from "@/lib/photos/storage/types";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ dealer: string; file: string }> };

async function serve(request: Request, { params }: Context, withBody: boolean): Promise<Response> {
  const { dealer, file } = await params;
  // With S3 configured, files written to disk before the switch are still served from here.
  const found = await new DiskStore(photoSettings().diskDirectory).open(dealer, file);
  if (!found) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

  const etag = `"${file.replace(/\.jpg$/, "")}"`;
  const headers = {
    "content-type": PHOTO_CONTENT_TYPE,
    "cache-control": PHOTO_CACHE_CONTROL,
    etag,
    "x-content-type-options": "nosniff",
    "access-control-allow-origin": "*",
    "cross-origin-resource-policy": "cross-origin",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (!withBody) return new Response(null, { headers: { ...headers, "content-length": String(found.size) } });
  return new Response(Readable.toWeb(found.stream()) as ReadableStream<Uint8Array>, { headers: { ...headers, "content-length": String(found.size) } });
}

export const GET = (request: Request, context: Context) => serve(request, context, true);
export const HEAD = (request: Request, context: Context) => serve(request, context, false);
