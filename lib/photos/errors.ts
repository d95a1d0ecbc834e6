/**
 * Why a photo was refused, as a code the UI translates (never an English sentence), with the HTTP
 * status the upload API answers with. Client-safe: the editor imports the codes to map them to
 * its catalog keys.
 */
export const PHOTO_ERROR_STATUS = {
  /** The request had no body. */
  empty: 400,
  /** The upload stopped before its end (the browser cancelled it or the connection dropped). */
  aborted: 400,
  /** Bigger than the upload limit (`maxBytes` says how big may be). */
  too_large: 413,
  /** The bytes are not an image we recognise, whatever the file name or declared type says. */
  not_an_image: 422,
  /** An image, but of a kind we do not take (GIF, TIFF, SVG, …); `format` names it. */
  unsupported_format: 415,
  /** More pixels than we decode (`maxMegapixels`). */
  too_many_pixels: 422,
  /** Starts like an image but cannot be decoded (truncated, damaged). */
  corrupt_image: 422,
  /** Processing took too long (server under load); trying again may work. */
  timeout: 503,
  /** Too many uploads in progress on this server; retry after `Retry-After` seconds. */
  busy: 503,
  /** The photo store (disk or S3) could not be written or read; trying again later may work. */
  storage_unavailable: 503,
  /** A listing of the dealer still shows this photo: remove it there first. */
  in_use: 409,
  /** No such photo for this dealer (also another dealer's photo). */
  not_found: 404,
} as const;

export type PhotoErrorCode = keyof typeof PHOTO_ERROR_STATUS;

export class PhotoError extends Error {
  name = "PhotoError";
  constructor(
    readonly code: PhotoErrorCode,
    /** Facts the UI may show with the message (a limit, a format); never user data. */
    readonly details: Record<string, string | number> = {},
  ) {
    super(code);
  }

  get status(): number {
    return PHOTO_ERROR_STATUS[this.code];
  }

  /** The JSON body of an error answer: `{ error: { code, field, …details } }`. */
  toJSON() {
    return { error: { code: this.code, field: "file", ...this.details } };
  }
}
