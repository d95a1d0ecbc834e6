/**
 * The photo API over real HTTP, with the embedded disk storage: upload, serve, dedupe, refusals,
 * dealer isolation, deletion while in use, car deletion and garbage collection.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { db } from "@/lib/db";
import { collectPhotoGarbage, deleteCarPhotos, photosForImages } from "@/lib/photos/service";
import { photoHostingReachability } from "@/lib/photos/settings";
import { GET as serveMedia } from "@/app/media/photos/[dealer]/[file]/route";
import { colourAt, isBlue, isRed, PHONE_EXIF, redBlueJpeg, redBluePng } from "./images";
import { startPhotoServer } from "./server";
import { streamUntilAnswered, upload } from "./helpers";
import { car, dealerId } from "../listings/helpers";
import { deleteListings } from "@/lib/listings/commands";
import { PHOTO_GC_CRON, PHOTO_JOBS, registerPhotoJobs } from "@/lib/photos/jobs";

let origin = "";
let close: () => Promise<void>;
const photosDir = mkdtempSync(path.join(tmpdir(), "forecourt-photos-"));
const MAX_MB = 2;

beforeAll(async () => {
  const server = await startPhotoServer();
  origin = server.origin;
  close = server.close;
  // Read by lib/env.ts on first use, which comes after this (no query has run in this file yet).
  process.env.PHOTOS_DIR = photosDir;
  process.env.PHOTOS_PUBLIC_BASE_URL = `${origin}/media/photos`;
  process.env.PHOTOS_MAX_UPLOAD_MB = String(MAX_MB);
  delete process.env.PHOTOS_S3_BUCKET;
});

afterAll(async () => {
  await close?.();
  rmSync(photosDir, { recursive: true, force: true });
});

const filesOf = (dealer: string) => {
  try {
    return readdirSync(path.join(photosDir, dealer)).sort();
  } catch {
    return [];
  }
};

/** A listing of the dealer showing these image URLs (created straight in the database). */
async function listingWith(slug: string, images: string[]) {
  const id = await dealerId(slug);
  const l = car();
  return db.listing.create({ data: { dealerId: id, reference: l.reference, title: l.title, images }, select: { id: true, images: true } });
}

describe("uploading and serving photos", () => {
  test("a rotated phone JPEG with GPS is answered as a photo whose URL serves it upright, as image/jpeg, without metadata, cached for good", async () => {
    await signInAs("staff@autogent.test");
    const gent = await dealerId("auto-gent");
    const { status, json } = await upload(origin, "auto-gent", await redBlueJpeg({ orientation: 6, exif: PHONE_EXIF }));
    expect(status).toBe(201);
    expect(json).toMatchObject({ width: 300, height: 400, sourceFormat: "jpeg", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(json.url).toBe(`${origin}/media/photos/${gent}/${json.sha256}.jpg`);
    expect(json.thumbnailUrl).toBe(`${origin}/media/photos/${gent}/${json.sha256}_320.jpg`);
    expect(json.previewUrl).toBe(`${origin}/media/photos/${gent}/${json.sha256}_800.jpg`);

    const served = await fetch(json.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(Number(served.headers.get("content-length"))).toBe(bytes.length);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(["jpeg", 300, 400, undefined, undefined]);
    expect(isRed(await colourAt(bytes, 150, 40))).toBe(true);
    expect(isBlue(await colourAt(bytes, 150, 360))).toBe(true);

    for (const thumb of [json.thumbnailUrl, json.previewUrl]) {
      const r = await fetch(thumb);
      expect([r.status, r.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    }
    const again = await fetch(json.url, { headers: { "if-none-match": served.headers.get("etag")! } });
    expect(again.status).toBe(304);
    const head = await fetch(json.url, { method: "HEAD" });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, String(bytes.length)]);
  });

  test("the same bytes get the same photo and URL, stored once", async () => {
    await signInAs("staff@autogent.test");
    const file = await redBlueJpeg({ width: 640, height: 480, exif: PHONE_EXIF });
    const first = await upload(origin, "auto-gent", file);
    const second = await upload(origin, "auto-gent", file);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.json.id).toBe(first.json.id);
    expect(second.json.url).toBe(first.json.url);
    expect(await db.photo.count({ where: { sha256: first.json.sha256 } })).toBe(1);
  });

  test("a PNG is stored and served as JPEG", async () => {
    await signInAs("staff@autogent.test");
    const { status, json } = await upload(origin, "auto-gent", await redBluePng({ width: 500, height: 260 }), "image/png");
    expect(status).toBe(201);
    expect(json).toMatchObject({ sourceFormat: "png", width: 500, height: 260 });
    expect(json.url).toMatch(/\.jpg$/);
    const served = await fetch(json.url);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).format).toBe("jpeg");
  });

  test("a .jpg that is really text is refused with not_an_image, and nothing is stored", async () => {
    await signInAs("staff@autogent.test");
    const gent = await dealerId("auto-gent");
    const [rows, files] = [await db.photo.count({ where: { dealerId: gent } }), filesOf(gent)];
    const { status, json } = await upload(origin, "auto-gent", "Kilometerstand: 81.000\nPrijs: 18.950\n", "image/jpeg");
    expect(status).toBe(422);
    expect(json).toEqual({ error: { code: "not_an_image", field: "file" } });
    expect(await db.photo.count({ where: { dealerId: gent } })).toBe(rows);
    expect(filesOf(gent)).toEqual(files);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0f0" } }).gif().toBuffer();
    expect((await upload(origin, "auto-gent", gif, "image/gif")).json).toEqual({ error: { code: "unsupported_format", field: "file", format: "gif" } });
    expect((await upload(origin, "auto-gent", "", "image/jpeg")).json.error.code).toBe("empty");
  });

  test("an oversized upload is refused while it streams in, never read whole", async () => {
    await signInAs("staff@autogent.test");
    const maxBytes = MAX_MB * 1024 * 1024;
    const streamed = await streamUntilAnswered(`${origin}/api/d/auto-gent/photos`, { limit: 64 * 1024 * 1024 });
    expect(streamed.status).toBe(413);
    expect(streamed.body).toEqual({ error: { code: "too_large", field: "file", maxBytes } });
    // The server stopped reading just past the limit: what got written beyond it sits in socket buffers.
    expect(streamed.bytesWritten).toBeLessThan(maxBytes + 16 * 1024 * 1024);

    // A declared size over the limit is refused before any byte is read.
    const declared = await fetch(`${origin}/api/d/auto-gent/photos`, { method: "POST", body: Buffer.alloc(maxBytes + 1, 1) });
    expect([declared.status, (await declared.json()).error.code]).toEqual([413, "too_large"]);
    // The server is fine afterwards.
    expect((await upload(origin, "auto-gent", await redBlueJpeg({ width: 90, height: 60 }))).status).toBe(201);
  });

  test("a cancelled upload stores nothing and leaves the server working", async () => {
    await signInAs("staff@autogent.test");
    const gent = await dealerId("auto-gent");
    const before = await db.photo.count({ where: { dealerId: gent } });
    const abort = new AbortController();
    const file = await redBlueJpeg({ width: 1200, height: 900 });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(file.subarray(0, 1000)); // then nothing more: the user cancels
        setTimeout(() => abort.abort(), 200);
      },
    });
    await expect(fetch(`${origin}/api/d/auto-gent/photos`, { method: "POST", body, signal: abort.signal, duplex: "half" } as RequestInit)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.photo.count({ where: { dealerId: gent } })).toBe(before);
    expect((await upload(origin, "auto-gent", await redBlueJpeg({ width: 91, height: 60 }))).status).toBe(201);
  });

  test("viewers cannot upload or delete; signed out is 401", async () => {
    await signInAs("viewer@autogent.test");
    expect((await upload(origin, "auto-gent", await redBlueJpeg())).status).toBe(404);
    const list = await fetch(`${origin}/api/d/auto-gent/photos`);
    expect(list.status).toBe(200); // viewers may look
    const { photos } = await list.json();
    expect((await fetch(`${origin}/api/d/auto-gent/photos/${photos[0].id}`, { method: "DELETE" })).status).toBe(404);
    await signInAs(null);
    expect((await upload(origin, "auto-gent", await redBlueJpeg())).status).toBe(401);
  });

  test("the connection screen learns that a production marketplace cannot fetch photos from this address; the sandbox can", () => {
    expect(photoHostingReachability("PRODUCTION")).toEqual({ public: false, reason: "loopback", publicBaseUrl: `${origin}/media/photos` });
    expect(photoHostingReachability("SANDBOX")).toEqual({ public: true, publicBaseUrl: `${origin}/media/photos` });
  });

  test("an upload started by another site is refused", async () => {
    await signInAs("staff@autogent.test");
    const r = await fetch(`${origin}/api/d/auto-gent/photos`, { method: "POST", body: await redBlueJpeg(), headers: { "sec-fetch-site": "cross-site" } });
    expect(r.status).toBe(403);
  });
});

describe("photos belong to their dealer", () => {
  test("another dealer cannot list, read, replace or delete them", async () => {
    await signInAs("staff@autogent.test");
    const file = await redBlueJpeg({ width: 720, height: 540 });
    const gents = (await upload(origin, "auto-gent", file)).json;
    const gentBytes = Buffer.from(await (await fetch(gents.url)).arrayBuffer());

    await signInAs("staff@bilhuset.test");
    expect((await fetch(`${origin}/api/d/auto-gent/photos`)).status).toBe(404);
    const own = await (await fetch(`${origin}/api/d/bilhuset/photos?ids=${gents.id}`)).json();
    expect(own.photos).toEqual([]);
    const all = await (await fetch(`${origin}/api/d/bilhuset/photos`)).json();
    expect(all.photos.map((p: { id: string }) => p.id)).not.toContain(gents.id);
    const read = await fetch(`${origin}/api/d/bilhuset/photos/${gents.id}`);
    expect([read.status, (await read.json()).error.code]).toEqual([404, "not_found"]);
    for (const dealer of ["bilhuset", "auto-gent"]) {
      expect((await fetch(`${origin}/api/d/${dealer}/photos/${gents.id}`, { method: "DELETE" })).status).toBe(404);
    }

    // The same file uploaded by Bilhuset is Bilhuset's own photo: it cannot overwrite Gent's.
    const theirs = (await upload(origin, "bilhuset", file)).json;
    expect(theirs.id).not.toBe(gents.id);
    expect(theirs.url).not.toBe(gents.url);
    expect(theirs.url).toContain(`/${await dealerId("bilhuset")}/`);
    expect(await db.photo.findUnique({ where: { id: gents.id } })).not.toBeNull();
    const after = await fetch(gents.url);
    expect(after.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await after.arrayBuffer()), gentBytes)).toBe(0);
    // And a listing of Bilhuset showing Gent's URL does not make it Bilhuset's photo.
    const resolved = await photosForImages(await dealerId("bilhuset"), [gents.url, theirs.url, "https://cdn.bilhuset.example/1.jpg"]);
    expect(resolved.map((r) => r.photo?.id ?? null)).toEqual([null, theirs.id, null]);
  });

  test("served files are found only by a dealer id and a photo file name: no path leaves the directory", async () => {
    const call = (dealer: string, file: string) => serveMedia(new Request("http://localhost/media/x"), { params: Promise.resolve({ dealer, file }) });
    for (const [dealer, file] of [["..", "passwd"], ["..", "..%2Fetc%2Fpasswd"], ["x", "../../etc/passwd"], ["a/b", "c.jpg"], ["x", `${"a".repeat(64)}.jpg.tmp`], ["x", `${"A".repeat(64)}.jpg`], ["x", `${"a".repeat(64)}_999.jpg`]]) {
      const r = await call(dealer, file);
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).not.toBe("image/jpeg");
    }
    const raw = await fetch(`${origin}/media/photos/..%2F..%2F..%2Fetc/passwd`);
    expect(raw.status).toBe(404);
  });
});

describe("photos in listings", () => {
  test("a photo a listing shows cannot be deleted; once no listing shows it, it can", async () => {
    await signInAs("staff@autogent.test");
    const photo = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 820, height: 600 }))).json;
    const listing = await listingWith("auto-gent", ["https://cdn.autogent.example/a.jpg", photo.url]);
    const refused = await fetch(`${origin}/api/d/auto-gent/photos/${photo.id}`, { method: "DELETE" });
    expect([refused.status, await refused.json()]).toEqual([409, { error: { code: "in_use", field: "file", listings: 1 } }]);
    expect((await fetch(photo.url)).status).toBe(200);

    await db.listing.update({ where: { id: listing.id }, data: { images: ["https://cdn.autogent.example/a.jpg"] } });
    expect((await fetch(`${origin}/api/d/auto-gent/photos/${photo.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await db.photo.findUnique({ where: { id: photo.id } })).toBeNull();
    expect((await fetch(photo.url)).status).toBe(404);
    expect((await fetch(photo.thumbnailUrl)).status).toBe(404);
  });

  test("photosForImages gives the editor each image's photo in the listing's order", async () => {
    const gent = await dealerId("auto-gent");
    await signInAs("staff@autogent.test");
    const a = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 300, height: 200 }))).json;
    const b = (await upload(origin, "auto-gent", await redBluePng({ width: 300, height: 201 }))).json;
    const resolved = await photosForImages(gent, [b.url, "https://cdn.autogent.example/x.jpg", a.url]);
    expect(resolved.map((r) => [r.url, r.photo?.id ?? null, r.photo?.thumbnailUrl ?? null])).toEqual([
      [b.url, b.id, b.thumbnailUrl], ["https://cdn.autogent.example/x.jpg", null, null], [a.url, a.id, a.thumbnailUrl],
    ]);
  });

  test("deleting a car removes the photos only it showed, keeps shared ones and typed URLs alone", async () => {
    await signInAs("staff@autogent.test");
    const gent = await dealerId("auto-gent");
    const onlyHere = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 301, height: 200 }))).json;
    const shared = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 302, height: 200 }))).json;
    const deletedCar = await listingWith("auto-gent", [onlyHere.url, "https://cdn.autogent.example/own.jpg", shared.url]);
    await listingWith("auto-gent", [shared.url]);

    await db.listing.delete({ where: { id: deletedCar.id } });
    expect(await deleteCarPhotos(gent, deletedCar.images)).toEqual({ deleted: 1 });
    expect(await db.photo.findUnique({ where: { id: onlyHere.id } })).toBeNull();
    expect((await fetch(onlyHere.url)).status).toBe(404);
    expect(await db.photo.findUnique({ where: { id: shared.id } })).not.toBeNull();
    expect((await fetch(shared.url)).status).toBe(200);
    // Another dealer's call with these URLs touches nothing of Gent's.
    expect(await deleteCarPhotos(await dealerId("bilhuset"), [shared.url])).toEqual({ deleted: 0 });
  });

  test("deleting cars in the inventory removes their photos once no ad is live; a car with a live ad keeps car and photos", async () => {
    await signInAs("owner@autogent.test");
    const gent = await dealerId("auto-gent");
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@autogent.test" } });
    const gone = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 306, height: 200 }))).json;
    const liveOne = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 307, height: 200 }))).json;
    const sold = await listingWith("auto-gent", [gone.url, "https://cdn.autogent.example/own.jpg"]);
    const live = await listingWith("auto-gent", [liveOne.url]);
    const okasie = await db.connection.findFirstOrThrow({ where: { dealerId: gent }, select: { id: true } });
    await db.publication.create({ data: { dealerId: gent, listingId: live.id, connectionId: okasie.id, state: "LIVE" } });

    await expect(deleteListings(owner.id, gent, [live.id])).rejects.toThrow();
    expect(await db.listing.findUnique({ where: { id: live.id } })).not.toBeNull();
    expect((await fetch(liveOne.url)).status).toBe(200);

    await deleteListings(owner.id, gent, [sold.id]);
    expect(await db.photo.findUnique({ where: { id: gone.id } })).toBeNull();
    expect((await fetch(gone.url)).status).toBe(404);
    expect((await fetch(liveOne.url)).status).toBe(200);
  });

  test("the worker's hourly job is scheduled and collects abandoned uploads", async () => {
    await signInAs("staff@autogent.test");
    const gent = await dealerId("auto-gent");
    const abandoned = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 308, height: 200 }))).json;
    await db.photo.update({ where: { id: abandoned.id }, data: { createdAt: new Date(Date.now() - 4 * 24 * 3600_000) } });
    const { PgBoss } = await import("pg-boss");
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "photos_test" });
    boss.on("error", () => {});
    await boss.start();
    try {
      await registerPhotoJobs(boss, { schedules: true });
      expect((await boss.getSchedules()).map((s) => [s.name, s.cron])).toContainEqual([PHOTO_JOBS.gc, PHOTO_GC_CRON]);
      await boss.send(PHOTO_JOBS.gc, {});
      await expect.poll(async () => db.photo.findFirst({ where: { dealerId: gent, id: abandoned.id } }), { timeout: 20_000, interval: 250 }).toBeNull();
      expect((await fetch(abandoned.url)).status).toBe(404);
    } finally {
      await boss.stop({ graceful: true, timeout: 10_000 });
    }
  });

  test("garbage collection removes uploads never saved into a listing once the grace period is over", async () => {
    await signInAs("staff@autogent.test");
    const gent = await dealerId("auto-gent");
    const abandoned = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 303, height: 200 }))).json;
    const used = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 304, height: 200 }))).json;
    const fresh = (await upload(origin, "auto-gent", await redBlueJpeg({ width: 305, height: 200 }))).json;
    await listingWith("auto-gent", [used.url]);
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600_000);
    await db.photo.updateMany({ where: { dealerId: gent, id: { in: [abandoned.id, used.id] } }, data: { createdAt: fourDaysAgo } });

    const result = await collectPhotoGarbage({ graceHours: 72 });
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(await db.photo.findUnique({ where: { id: abandoned.id } })).toBeNull();
    expect((await fetch(abandoned.url)).status).toBe(404);
    expect((await db.photo.findUniqueOrThrow({ where: { id: used.id } })).lastSeenInUseAt).not.toBeNull();
    expect(await db.photo.findUnique({ where: { id: fresh.id } })).not.toBeNull();
    expect((await fetch(used.url)).status).toBe(200);
  });
});
