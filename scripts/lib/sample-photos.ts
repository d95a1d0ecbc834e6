/** Photo-like test images for the photos benchmark, made with sharp (nothing to download). */
import sharp from "sharp";

const noiseCache = new Map<string, Promise<Buffer>>();
/** Gaussian noise is slow to draw (36 M samples): drawn once per size, under a different gradient each time. */
function sensorNoise(width: number, height: number) {
  const key = `${width}x${height}`;
  if (!noiseCache.has(key)) noiseCache.set(key, sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 35 } } }).raw().toBuffer());
  return noiseCache.get(key)!;
}

/**
 * A JPEG that costs what a phone photo costs to process: sensor-like noise over colour gradients
 * (flat test images compress and decode far faster than real photos), quality 92, with the EXIF
 * a phone writes (orientation, camera, GPS).
 */
export async function realisticJpeg({ width = 4000, height = 3000, seed = 0 } = {}): Promise<Buffer> {
  // Colour gradients, drawn small and scaled up (smooth, like sky and paint).
  const [gw, gh] = [64, 48];
  const small = Buffer.alloc(gw * gh * 3);
  const tint = (seed * 37) % 256;
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) small.set([(x * 255) / gw, (y * 255) / gh, (tint + x * 2 + y * 3) & 255], (y * gw + x) * 3);
  }
  const gradient = await sharp(small, { raw: { width: gw, height: gh, channels: 3 } }).resize(width, height, { kernel: "cubic" }).raw().toBuffer();
  const noise = await sensorNoise(width, height);
  return sharp(gradient, { raw: { width, height, channels: 3 } })
    .composite([{ input: noise, raw: { width, height, channels: 3 }, blend: "overlay" }])
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: "Apple", Model: "iPhone 15", Orientation: seed % 4 === 0 ? "6" : "1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 3/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "3/1 43/1 0/1" },
    })
    .toBuffer();
}
