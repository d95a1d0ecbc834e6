/**
 * HEIC (iPhone photos) to raw RGBA pixels. The sharp build from npm reads HEIC headers but cannot
 * decode HEVC (its libvips ships without libde265, for patent reasons), so we use heic-decode
 * (libheif compiled to WebAssembly, no native parts).
 *
 * The decode runs in a short-lived worker thread because it is synchronous WebAssembly (about
 * 2 s for 12 MP): on the main thread it would stall every other request. Ending the worker
 * after each photo also hands its WebAssembly memory (which never shrinks) back, and lets a
 * time-out really stop a decode.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";

export interface RawImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Buffer;
}

// Plain CommonJS evaluated in the worker: no bundler sees it, and heic-decode is resolved from
// the app's own node_modules.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const decode = createRequire(workerData.resolveFrom)("heic-decode");
decode({ buffer: workerData.input }).then(
  (image) => parentPort.postMessage({ width: image.width, height: image.height, data: image.data }, [image.data.buffer]),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);
`;

export class HeicDecodeError extends Error {
  name = "HeicDecodeError";
}
export class HeicTimeoutError extends Error {
  name = "HeicTimeoutError";
}

export async function decodeHeic(input: Buffer, { timeoutMs }: { timeoutMs: number }): Promise<RawImage> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { input, resolveFrom: path.join(process.cwd(), "package.json") },
    // The JavaScript heap stays small; the pixels live in WebAssembly and transferred buffers.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const message = await new Promise<{ width: number; height: number; data: Uint8ClampedArray } | { error: string }>((resolve, reject) => {
      timer = setTimeout(() => reject(new HeicTimeoutError(`HEIC decode took longer than ${timeoutMs} ms`)), timeoutMs);
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new HeicDecodeError(`HEIC decoder stopped (exit ${code})`)));
    });
    if ("error" in message) throw new HeicDecodeError(message.error);
    return { width: message.width, height: message.height, data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength) };
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
