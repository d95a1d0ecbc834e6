/**
 * Imported first by connection tests: the deployment's configured simulator URLs point at free
 * ports this test file then serves (the server chooses a connection's URL from this
 * configuration, never from the form). Must run before anything reads lib/env.ts.
 */
import { freePort } from "@/scripts/lib/embedded-db";

export const SANDBOX_PORTS = { okasie: await freePort(), blocket: await freePort() };
process.env.SANDBOX_OKASIE_URL = `http://127.0.0.1:${SANDBOX_PORTS.okasie}/api/external/v1`;
process.env.SANDBOX_BLOCKET_URL = `http://127.0.0.1:${SANDBOX_PORTS.blocket}/pro-import-api`;
