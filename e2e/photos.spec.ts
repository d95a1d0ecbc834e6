/**
 * Photos from the dealer's point of view, end to end: upload in the editor (a phone's rotated
 * photo, one with GPS, a PNG; a ".jpg" that is really text), reorder by keyboard and button, save,
 * sync; Okasie's sandbox downloads our URLs in our order, and each serves an upright JPEG without
 * metadata; the grid shows the cover's thumbnail.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, signIn, test } from "./fixtures";

const OKASIE_SIM = `http://127.0.0.1:${process.env.SANDBOX_OKASIE_PORT ?? "4110"}/__sim/state`;
const SHOTS = path.join("test-results", "screens");

interface SimListing { externalReference: string | null; images: { sourceUrl: string; position: number }[] }
async function okasieHas(reference: string): Promise<SimListing | undefined> {
  const state = (await (await fetch(OKASIE_SIM)).json()) as { listings: SimListing[] };
  return state.listings.find((l) => l.externalReference === reference);
}

/** Stored pixels: left half red, right half blue; `seed` shifts the shade so every file is a different photo. */
function redBlue(width: number, height: number, seed: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? [220, 30 + seed, 30] : [30, 30 + seed, 220], (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

const GPS_EXIF = {
  IFD0: { Make: "Apple", Model: "iPhone 15" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 3/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "3/1 43/1 0/1" },
};

/** Five JPEGs (the second stored sideways with EXIF orientation 6, the third with GPS) and one PNG. */
async function makeFixtures() {
  const dir = mkdtempSync(path.join(tmpdir(), "forecourt-e2e-photos-"));
  const files: string[] = [];
  for (let i = 0; i < 5; i++) {
    // Orientation 6: stored 900 × 1200 left red / right blue; upright it is 1200 × 900, top red / bottom blue.
    let image = i === 1 ? redBlue(900, 1200, i).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }) : redBlue(1200, 900, i).jpeg({ quality: 90 });
    if (i === 2) image = image.withExif(GPS_EXIF);
    const file = path.join(dir, `car-${i + 1}.jpg`);
    writeFileSync(file, await image.toBuffer());
    files.push(file);
  }
  const png = path.join(dir, "car-6.png");
  writeFileSync(png, await redBlue(1200, 900, 50).png().toBuffer());
  files.push(png);
  const fake = path.join(dir, "not-a-photo.jpg");
  writeFileSync(fake, "This is a text file with a .jpg name.\n");
  return { files, fake };
}

async function colourAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return { r: data[i], g: data[i + 1], b: data[i + 2] };
}

test("a dealer uploads six photos, reorders them, saves and syncs: Okasie gets our URLs in our order, upright and without EXIF", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { files, fake } = await makeFixtures();
  const ref = `PH-${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, "staff@autogent.test");
  await page.goto("/d/auto-gent/listings/new");
  await page.getByLabel("Reference (stock number)").fill(ref);
  await page.getByLabel("Status").selectOption("active");
  await page.getByLabel("Title", { exact: true }).fill("Peugeot 308 SW 1.5 BlueHDi");
  await page.getByLabel("Price", { exact: true }).fill("16950");
  await page.getByLabel("Make").fill("Peugeot");
  await page.getByLabel("Model", { exact: true }).fill("308");
  await page.getByLabel("Condition").selectOption("used");
  await page.getByLabel("Mileage (km)").fill("64000");

  // A text file named .jpg is refused with the reason; nothing joins the car's photos.
  const input = page.getByTestId("photo-input");
  await input.setInputFiles(fake);
  const refused = page.getByTestId("upload-row").filter({ hasText: "not-a-photo.jpg" });
  await expect(refused.getByRole("alert")).toHaveText("This file is not a photo. Choose a JPEG, PNG or HEIC image.");
  await expect(page.getByTestId("image-row")).toHaveCount(0);
  await refused.getByRole("button", { name: "Dismiss not-a-photo.jpg" }).click();

  // Six at once: they join the car in the order chosen, as thumbnails.
  await input.setInputFiles(files);
  await expect(page.getByTestId("image-row")).toHaveCount(6, { timeout: 90_000 });
  await expect(page.getByTestId("upload-row")).toHaveCount(0);
  const uploaded = await page.getByTestId("image-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-url")!));
  expect(new Set(uploaded).size).toBe(6);
  for (const url of uploaded) expect(url).toMatch(new RegExp(`^http://localhost:\\d+/media/photos/[A-Za-z0-9_-]+/[0-9a-f]{64}\\.jpg$`));
  const thumbs = page.getByTestId("image-row").locator("img");
  await expect.poll(() => thumbs.evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBe(6);
  expect(await thumbs.first().getAttribute("src")).toMatch(/_320\.jpg$/);

  // The same photo again has the same URL: it is not added twice, and the dealer is told.
  await input.setInputFiles(files[0]);
  await expect(page.getByRole("status").filter({ hasText: "One photo was already among this car's photos and was not added again." })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("image-row")).toHaveCount(6);

  // By keyboard: the PNG (sixth) is picked up with space, moved up five places and dropped: it becomes the cover.
  await page.getByRole("button", { name: "Drag photo 6 of 6" }).focus();
  await page.keyboard.press("Space");
  // One press per place (a press past the first place does nothing); the list measures between moves.
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press("ArrowUp");
    await page.waitForTimeout(150);
  }
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Photo moved to position 1 of 6." })).toBeAttached();
  // And by button: the second goes one down.
  await page.getByRole("button", { name: "Move photo 2 down" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Photo moved to position 3 of 6." })).toBeAttached();
  const expected = [uploaded[5], uploaded[1], uploaded[0], uploaded[2], uploaded[3], uploaded[4]];
  expect(await page.getByTestId("image-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-url")))).toEqual(expected);
  await expect(page.getByTestId("image-row").first()).toContainText("Cover");
  await page.getByTestId("photo-dropzone").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, "editor-photos-1440.png") });

  await page.getByRole("button", { name: "Create car" }).click();
  await page.waitForURL(/\/listings\/[^/]+\?created=1$/);
  await expect(page.getByTestId("car-photos").locator("img")).toHaveCount(6);

  await page.goto("/d/auto-gent/syncs");
  await page.getByTestId("sync-card-Okasie — Auto Gent Centrum").getByRole("button", { name: "Sync now" }).click();
  await expect.poll(async () => (await okasieHas(ref))?.images.sort((a, b) => a.position - b.position).map((i) => i.sourceUrl), { timeout: 90_000 }).toEqual(expected);

  // Every URL serves a JPEG without EXIF (so no GPS), upright.
  for (const url of expected) {
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect([meta.width, meta.height]).toEqual([1200, 900]);
  }
  // The phone's sideways photo: upright, red on top and blue below.
  const rotated = Buffer.from(await (await fetch(uploaded[1])).arrayBuffer());
  const top = await colourAt(rotated, 600, 100);
  const bottom = await colourAt(rotated, 600, 800);
  expect(top.r).toBeGreaterThan(170);
  expect(top.b).toBeLessThan(90);
  expect(bottom.b).toBeGreaterThan(170);
  expect(bottom.r).toBeLessThan(90);

  // The grid shows the cover's thumbnail.
  await page.goto(`/d/auto-gent/listings?q=${ref.toLowerCase()}`);
  const row = page.getByRole("row", { name: new RegExp(ref) });
  const cover = row.getByTestId("car-thumbnail");
  await expect(cover).toHaveAttribute("src", expected[0].replace(/\.jpg$/, "_320.jpg"));
  await expect.poll(() => cover.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(SHOTS, "grid-1440.png") });

  // On a phone the same car is a card with its cover.
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.getByTestId("listing-card").filter({ hasText: ref });
  await expect(card.getByTestId("car-thumbnail")).toHaveAttribute("src", expected[0].replace(/\.jpg$/, "_320.jpg"));
  await expect(card).toContainText("For sale");
  await page.screenshot({ path: path.join(SHOTS, "grid-390.png") });
});
