/**
 * `npm run sandbox`: the local simulators of Okasie and Blocket on loopback, each on its own port
 * (SANDBOX_OKASIE_PORT, default 4010; SANDBOX_BLOCKET_PORT, default 4020). State is in memory.
 *
 * SANDBOX_TIMING=realistic makes them answer like production (Blocket processing of seconds with
 * jitter and slow steps, Okasie latency); the default "contract" follows the contracts' timing.
 * SANDBOX_TIMING_SEED replays the same jitter. Images on loopback URLs are really downloaded;
 * SANDBOX_IMAGE_HOSTS adds hosts (e.g. the public origin of Forecourt's photos).
 */
import { serve } from "@hono/node-server";
import { createOkasieSandbox } from "./okasie/index";
import { createBlocketSandbox } from "./blocket/index";
import { parseHostList } from "./shared/image-fetch";
import { timingProfileName } from "./shared/timing";

const okasiePort = Number(process.env.SANDBOX_OKASIE_PORT ?? 4010);
const blocketPort = Number(process.env.SANDBOX_BLOCKET_PORT ?? 4020);
let timing: ReturnType<typeof timingProfileName>;
try {
  timing = timingProfileName(process.env.SANDBOX_TIMING);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const seed = process.env.SANDBOX_TIMING_SEED ? Number(process.env.SANDBOX_TIMING_SEED) : undefined;
const imageFetch = { allowedHosts: parseHostList(process.env.SANDBOX_IMAGE_HOSTS) };

const okasie = createOkasieSandbox({ seed: true, timing, randomSeed: seed, imageFetch });
const blocket = createBlocketSandbox({ seed: true, timing, randomSeed: seed, imageFetch });

const servers = [
  serve({ fetch: okasie.fetch, port: okasiePort, hostname: "127.0.0.1" }, () =>
    console.log(`Okasie sandbox   http://127.0.0.1:${okasiePort}/api/external/v1`)),
  serve({ fetch: blocket.fetch, port: blocketPort, hostname: "127.0.0.1" }, () =>
    console.log(`Blocket sandbox  http://127.0.0.1:${blocketPort}/pro-import-api`)),
];
const hosts = imageFetch.allowedHosts.length ? `loopback, ${imageFetch.allowedHosts.join(", ")}` : "loopback";
console.log(`Sandbox timing: ${timing}; images downloaded from ${hosts}`);

for (const server of servers) {
  server.on("error", (err: NodeJS.ErrnoException) => {
    console.error(err.code === "EADDRINUSE" ? `Port in use: ${err.message}. Set SANDBOX_OKASIE_PORT / SANDBOX_BLOCKET_PORT.` : err.message);
    process.exit(1);
  });
}

const shutdown = () => {
  okasie.close();
  blocket.close();
  for (const s of servers) s.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
