/**
 * How the sync worker is started everywhere (npm run dev, the e2e server, benchmarks): one Node
 * process with a bounded heap. Listings are streamed in pages, so the worker needs little memory;
 * without a bound V8 grows its heap lazily and the process holds far more than it uses.
 * `--conditions=react-server` resolves the "server-only" guard of server modules to its no-op, as
 * Next.js does for server code (in a browser bundle the same import fails the build).
 * (package.json's `worker` script spells out the same flags.)
 */
export const SERVER_NODE_ARGS = ["--conditions=react-server"];
export const WORKER_NODE_ARGS = ["--max-old-space-size=160", "--max-semi-space-size=4", ...SERVER_NODE_ARGS, "--import", "tsx", "scripts/worker.ts"];
