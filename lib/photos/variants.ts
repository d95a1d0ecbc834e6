/**
 * The files one photo is stored as. Client-safe (the UI builds thumbnail URLs from these).
 */

/**
 * The master: what the marketplaces download. 1920 px on the long edge covers Okasie's largest
 * rendition (2000 px "full") within a few percent and Blocket's gallery, at ~0.3–0.8 MB.
 */
export const MASTER = { maxEdge: 1920, quality: 82 } as const;

/**
 * Thumbnails for our screens (never sent to a marketplace), named `<sha256>_<maxEdge>.jpg`:
 * - grid (320 px): the cover in the listings grid and the phone's card list, shown at most
 *   ~160 CSS px wide, so sharp on 2× screens; ~15–30 kB, so a page of 50 cars stays light.
 * - editor (800 px): the editor's photo list, the car page and the phone's full-width view
 *   (390 CSS px at 2×); ~60–120 kB.
 * Changing a size changes the file names, so cached copies never go stale.
 */
export const THUMBNAILS = {
  grid: { maxEdge: 320, quality: 76 },
  editor: { maxEdge: 800, quality: 80 },
} as const;
export type ThumbnailName = keyof typeof THUMBNAILS;


/** A stored file's name: the master `<sha256>.jpg`, a thumbnail `<sha256>_<maxEdge>.jpg`. */
export function photoFileName(sha256: string, variant: "master" | ThumbnailName = "master") {
  return variant === "master" ? `${sha256}.jpg` : `${sha256}_${THUMBNAILS[variant].maxEdge}.jpg`;
}

/** Every file name we ever store; anything else is never read or served. */
export const PHOTO_FILE_NAME = new RegExp(`^[0-9a-f]{64}(?:_(?:${Object.values(THUMBNAILS).map((t) => t.maxEdge).join("|")}))?\\.jpg$`);

/** The directory segment: a dealer id (a cuid), nothing that could climb out of a directory. */
export const DEALER_DIR = /^[A-Za-z0-9_-]{1,64}$/;
