/**
 * How the sync worker is started everywhere (npm run dev, the e2e server, benchmarks): one Node
 * process with a bounded heap. Listings are streamed in pages, so the worker needs little memory;
 * without a bound V8 grows its heap lazily and the process holds far more than it uses.
 * (package.json's `worker` script spells out the same flags.)
 */
export const WORKER_NODE_ARGS = ["--max-old-space-size=160", "--max-semi-space-size=4", "--import", "tsx", "scripts/worker.ts"];
