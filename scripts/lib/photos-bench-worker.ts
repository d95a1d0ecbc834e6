/**
 * The process doing the work in `npm run bench -- photos`: processes every JPEG in a directory
 * one after another, exactly as an upload is processed (lib/photos/process.ts), and prints the
 * time per photo and its own peak RSS (the kernel's high-water mark, so nothing is missed between
 * samples). Kept apart from the generator so its RSS is the processing alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { processPhoto } from "@/lib/photos/process";

const dir = process.argv[2];
const timings: number[] = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith(".jpg")).sort()) {
  const input = readFileSync(path.join(dir, name));
  const started = performance.now();
  await processPhoto(input);
  timings.push(performance.now() - started);
}
const peakRssKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? process.resourceUsage().maxRSS);
process.stdout.write(JSON.stringify({ timings, peakRssKb }) + "\n");
