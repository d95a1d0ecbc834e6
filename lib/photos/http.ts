/**
 * The photo API's answers: a photo as JSON, or `{error: {code, field, …}}` with the code's status.
 * Anything unexpected is logged (without user data) and answered as a code too, never a bare 500.
 */
import "server-only";
import { PhotoError } from "@/lib/photos/errors";

export function photoErrorResponse(e: unknown): Response {
  const error = e instanceof PhotoError ? e : unexpected(e);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.code === "busy" || error.code === "timeout" || error.code === "storage_unavailable") headers["retry-after"] = "5";
  return Response.json(error.toJSON(), { status: error.status, headers });
}

function unexpected(e: unknown): PhotoError {
  console.error(`photos: unexpected error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  return new PhotoError("storage_unavailable");
}

/** Browsers mark requests another site starts; an upload or delete must come from our own pages. */
export function isCrossSite(request: Request) {
  return request.headers.get("sec-fetch-site") === "cross-site";
}

export const crossSiteResponse = () => Response.json({ error: { code: "cross_site" } }, { status: 403 });
