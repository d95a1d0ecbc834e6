/** Test photos made with sharp, so no big binaries live in the repository. */
import sharp from "sharp";

export const RED = { r: 220, g: 30, b: 30 };
export const BLUE = { r: 30, g: 30, b: 220 };

/** GPS EXIF as a phone writes it (Gent), plus the camera's make and model. */
export const PHONE_EXIF = {
  IFD0: { Make: "Apple", Model: "iPhone 15", Software: "17.1" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 3/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "3/1 43/1 0/1" },
};

/** Raw RGB pixels: the left half red, the right half blue. */
function redBlue(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = x < width / 2 ? RED : BLUE;
      pixels.set([c.r, c.g, c.b], (y * width + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/**
 * A JPEG whose stored pixels are left red / right blue. With EXIF orientation 6 ("rotate 90°
 * clockwise to view", as phones held upright write), the upright picture is top red / bottom blue.
 */
export function redBlueJpeg({ width = 400, height = 300, orientation, exif }: { width?: number; height?: number; orientation?: number; exif?: typeof PHONE_EXIF } = {}) {
  let image = redBlue(width, height).jpeg({ quality: 90 });
  if (exif) image = image.withExif(exif);
  if (orientation) image = image.withMetadata({ orientation });
  return image.toBuffer();
}

export const redBluePng = ({ width = 400, height = 300 } = {}) => redBlue(width, height).png().toBuffer();

/** The colour at (x, y) of an image, as {r, g, b}. */
export async function colourAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return { r: data[i], g: data[i + 1], b: data[i + 2] };
}

export const isRed = (c: { r: number; g: number; b: number }) => c.r > 170 && c.g < 90 && c.b < 90;
export const isBlue = (c: { r: number; g: number; b: number }) => c.b > 170 && c.r < 90 && c.g < 90;

/** Whether EXIF holds a GPS block (the GPSInfo pointer, tag 0x8825, in either byte order). */
export const hasGpsTag = (exif: Buffer | undefined) => !!exif && (exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25])));

/** JPEG marker segments present in a file (APP1 = EXIF/XMP, APP2 = ICC, APP13 = IPTC). */
export function jpegSegments(jpeg: Buffer): string[] {
  const found: string[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker === 0xda) break; // start of scan: the pixels follow
    found.push(`FF${marker.toString(16).toUpperCase()}`);
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return found;
}
