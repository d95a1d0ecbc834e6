/**
 * The S3 path against a real S3-compatible server (s3rver, from npm, started here): uploads over
 * HTTP are stored in the bucket through the AWS SDK and served from the bucket's public URL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { db } from "@/lib/db";
import { dealerId } from "../listings/helpers";
import { PHONE_EXIF, redBlueJpeg } from "./images";
import { upload } from "./helpers";
import { startPhotoServer } from "./server";

const BUCKET = "forecourt-photos";
const s3Dir = mkdtempSync(path.join(tmpdir(), "forecourt-s3-"));
const diskDir = mkdtempSync(path.join(tmpdir(), "forecourt-photos-"));
let s3: S3rver;
let s3Origin = "";
let origin = "";
let closeApp: () => Promise<void>;

beforeAll(async () => {
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await s3.run();
  s3Origin = `http://127.0.0.1:${port}`;
  const app = await startPhotoServer();
  origin = app.origin;
  closeApp = app.close;
  Object.assign(process.env, {
    PHOTOS_S3_BUCKET: BUCKET,
    PHOTOS_S3_ENDPOINT: s3Origin,
    PHOTOS_S3_REGION: "eu-north-1",
    PHOTOS_S3_ACCESS_KEY_ID: "S3RVER",
    PHOTOS_S3_SECRET_ACCESS_KEY: "S3RVER",
    PHOTOS_DIR: diskDir,
  });
  // Unset: the default is the bucket's own URL (path style) under the key prefix.
  delete process.env.PHOTOS_PUBLIC_BASE_URL;
});

afterAll(async () => {
  await closeApp?.();
  await s3?.close();
  rmSync(s3Dir, { recursive: true, force: true });
  rmSync(diskDir, { recursive: true, force: true });
});

describe("S3-compatible storage", () => {
  test("an upload is stored in the bucket and served through the public base URL, as image/jpeg with immutable caching", async () => {
    await signInAs("staff@bilhuset.test");
    const bilhuset = await dealerId("bilhuset");
    const { status, json } = await upload(origin, "bilhuset", await redBlueJpeg({ width: 1000, height: 750, orientation: 8, exif: PHONE_EXIF }));
    expect(status).toBe(201);
    expect(json.url).toBe(`${s3Origin}/${BUCKET}/photos/${bilhuset}/${json.sha256}.jpg`);
    expect(await db.photo.findUniqueOrThrow({ where: { id: json.id }, select: { storage: true } })).toEqual({ storage: "s3" });

    for (const url of [json.url, json.thumbnailUrl, json.previewUrl]) {
      const served = await fetch(url);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/jpeg");
      expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.height! > meta.width!).toBe(true); // orientation 8: turned upright, portrait
    }
    // Nothing went to the embedded storage.
    expect((await fetch(`${origin}/media/photos/${bilhuset}/${json.sha256}.jpg`)).status).toBe(404);
  });

  test("the same photo again is the same object and URL; deleting it removes every file from the bucket", async () => {
    await signInAs("staff@bilhuset.test");
    const file = await redBlueJpeg({ width: 640, height: 480 });
    const first = await upload(origin, "bilhuset", file);
    const second = await upload(origin, "bilhuset", file);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.json.url).toBe(first.json.url);

    const deleted = await fetch(`${origin}/api/d/bilhuset/photos/${first.json.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    for (const url of [first.json.url, first.json.thumbnailUrl, first.json.previewUrl]) {
      expect((await fetch(url)).status).toBe(404);
    }
  });
});
