/**
 * `npm run sandbox`: the local simulators of Okasie and Blocket on loopback, each on its own port
 * (SANDBOX_OKASIE_PORT, default 4010; SANDBOX_BLOCKET_PORT, default 4020). State is in memory.
 */
import { serve } from "@hono/node-server";
import { createOkasieSandbox } from "./okasie/index";
import { createBlocketSandbox } from "./blocket/index";

const okasiePort = Number(process.env.SANDBOX_OKASIE_PORT ?? 4010);
const blocketPort = Number(process.env.SANDBOX_BLOCKET_PORT ?? 4020);

const okasie = createOkasieSandbox({ seed: true });
const blocket = createBlocketSandbox({ seed: true });

const servers = [
  serve({ fetch: okasie.fetch, port: okasiePort, hostname: "127.0.0.1" }, () =>
    console.log(`Okasie sandbox   http://127.0.0.1:${okasiePort}/api/external/v1`)),
  serve({ fetch: blocket.fetch, port: blocketPort, hostname: "127.0.0.1" }, () =>
    console.log(`Blocket sandbox  http://127.0.0.1:${blocketPort}/pro-import-api`)),
];

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
