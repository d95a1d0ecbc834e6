/** Processing: upright, no metadata, JPEG at our sizes, and refusals by content, not by name. */
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { PhotoError } from "@/lib/photos/errors";
import { LIMITS, processPhoto } from "@/lib/photos/process";
import { MASTER, THUMBNAILS } from "@/lib/photos/variants";
import { colourAt, hasGpsTag, isBlue, isRed, jpegSegments, PHONE_EXIF, redBlueJpeg, redBluePng } from "./images";

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => {
  expect(e).toBeInstanceOf(PhotoError);
  return e as PhotoError;
});

describe("processing a photo", () => {
  test("a JPEG with EXIF orientation 6 comes out upright (turned, not just tagged)", async () => {
    const input = await redBlueJpeg({ width: 400, height: 300, orientation: 6 });
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await processPhoto(input);
    expect([out.width, out.height]).toEqual([300, 400]);
    const meta = await sharp(out.master).metadata();
    expect([meta.width, meta.height]).toEqual([300, 400]);
    expect(meta.orientation).toBeUndefined();
    // Stored left red / right blue, turned 90° clockwise: top red, bottom blue.
    expect(isRed(await colourAt(out.master, 150, 40))).toBe(true);
    expect(isBlue(await colourAt(out.master, 150, 360))).toBe(true);
  });

  test("GPS and every other metadata is gone from the master and the thumbnails", async () => {
    const input = await redBlueJpeg({ exif: PHONE_EXIF });
    expect(hasGpsTag((await sharp(input).metadata()).exif)).toBe(true);
    const out = await processPhoto(input);
    for (const file of [out.master, out.thumbnails.grid, out.thumbnails.editor]) {
      const meta = await sharp(file).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      // No APPn segment but the JFIF header (APP0): nothing to hide anything in.
      expect(jpegSegments(file).filter((m) => /^FFE[1-9A-F]$/.test(m))).toEqual([]);
      expect(file.includes(Buffer.from("iPhone"))).toBe(false);
    }
  });

  test("a PNG becomes a JPEG; transparency becomes white", async () => {
    const out = await processPhoto(await redBluePng());
    expect(out.sourceFormat).toBe("png");
    expect((await sharp(out.master).metadata()).format).toBe("jpeg");
    const transparent = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const white = await colourAt((await processPhoto(transparent)).master, 25, 25);
    expect(Math.min(white.r, white.g, white.b)).toBeGreaterThan(245);
  });

  test("a HEIC from an iPhone is converted: a JPEG with the right colours and no GPS", async () => {
    const input = readFileSync(path.join(import.meta.dirname, "fixtures/red-blue-gps.heic"));
    expect(hasGpsTag(input)).toBe(true);
    const out = await processPhoto(input);
    expect(out.sourceFormat).toBe("heic");
    expect([out.width, out.height]).toEqual([320, 240]);
    expect((await sharp(out.master).metadata()).exif).toBeUndefined();
    expect(hasGpsTag(out.master)).toBe(false);
    expect(isRed(await colourAt(out.master, 40, 120))).toBe(true);
    expect(isBlue(await colourAt(out.master, 280, 120))).toBe(true);
  });

  test("big photos are scaled to the master and thumbnail sizes, small ones never enlarged", async () => {
    const out = await processPhoto(await redBlueJpeg({ width: 4000, height: 3000 }));
    expect([out.width, out.height]).toEqual([MASTER.maxEdge, 1440]);
    expect((await sharp(out.thumbnails.grid).metadata()).width).toBe(THUMBNAILS.grid.maxEdge);
    expect((await sharp(out.thumbnails.editor).metadata()).width).toBe(THUMBNAILS.editor.maxEdge);
    const small = await processPhoto(await redBlueJpeg({ width: 200, height: 150 }));
    expect([small.width, small.height]).toEqual([200, 150]);
  });

  test("the same input always gives the same master bytes (the photo's name)", async () => {
    const input = await redBlueJpeg({ exif: PHONE_EXIF, orientation: 3 });
    const [a, b] = [await processPhoto(input), await processPhoto(Buffer.from(input))];
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(Buffer.compare(a.master, b.master)).toBe(0);
  });

  test("a .jpg that is really text is not an image; known non-photo formats are unsupported", async () => {
    expect((await refusal(processPhoto(Buffer.from("Dit is geen foto, maar een boodschappenlijst.\n")))).code).toBe("not_an_image");
    expect((await refusal(processPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).code).toBe("unsupported_format");
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#f00" } }).gif().toBuffer();
    const refused = await refusal(processPhoto(gif));
    expect(refused.code).toBe("unsupported_format");
    expect(refused.details.format).toBe("gif");
  });

  test("a truncated JPEG is refused as corrupt, not processed into garbage", async () => {
    const input = await redBlueJpeg();
    expect((await refusal(processPhoto(input.subarray(0, 300)))).code).toBe("corrupt_image");
  });

  test("a decompression bomb (more pixels than allowed) is refused from its header, before decoding", async () => {
    // 9000 × 6000 = 54 MP of one colour: a small file that would decode to ~160 MB.
    const bomb = await sharp({ create: { width: 9000, height: 6000, channels: 3, background: "#345" } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    expect(9000 * 6000).toBeGreaterThan(LIMITS.maxPixels);
    const refused = await refusal(processPhoto(bomb));
    expect(refused.code).toBe("too_many_pixels");
    expect(refused.details.maxMegapixels).toBe(52);
  });
});
