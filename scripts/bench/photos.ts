/**
 * `npm run bench -- photos`: 30 photo-like 12 MP JPEGs (4000 × 3000, noise over gradients, phone
 * EXIF, some rotated) processed one after another by a separate process, as uploads are: master
 * JPEG + two thumbnails. One JSON line: p95 milliseconds per photo and the peak RSS of the process
 * doing the work. Aim: p95 under 1,500 ms and peak RSS under 400 MB on a 2-core machine.
 * BENCH_PHOTOS overrides the count.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { realisticJpeg } from "@/scripts/lib/sample-photos";

const ROOT = path.resolve(import.meta.dirname, "../..");
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export default async function run() {
  const count = Number(process.env.BENCH_PHOTOS ?? 30);
  const dir = mkdtempSync(path.join(tmpdir(), "forecourt-bench-photos-"));
  try {
    for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `${String(i).padStart(3, "0")}.jpg`), await realisticJpeg({ seed: i }));
    const output = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/lib/photos-bench-worker.ts"), dir], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
    const { timings, peakRssKb } = JSON.parse(output.trim().split("\n").pop()!) as { timings: number[]; peakRssKb: number };
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(JSON.stringify({
      bench: "photos",
      photos: timings.length,
      megapixels: 12,
      p95MsPerPhoto: Math.round(percentile(sorted, 95)),
      peakRssMb: Math.round(peakRssKb / 1024),
      medianMsPerPhoto: Math.round(percentile(sorted, 50)),
      maxMsPerPhoto: Math.round(sorted[sorted.length - 1]),
      budget: { p95MsPerPhoto: 1500, peakRssMb: 400 },
      measured: "lib/photos/process.ts in its own Node process, photos one after another (JPEG 4000x3000 q92 → 1920 px master q82 + 320/800 px thumbnails); peak RSS = VmHWM of that process",
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
