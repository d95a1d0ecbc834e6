/**
 * Entry points of the Okasie simulator: `createOkasieSandbox` (a fetch handler for the lead's
 * sandbox server) and `startOkasieSandbox` (a real HTTP listener on loopback, for tests).
 * The API lives under `/api/external/v1`; the simulator controls under `/__sim`.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { API_PREFIX, createOkasieApp, createSimState, type SandboxOptions, type SimState } from "./app";

export { SANDBOX_SECRET, READONLY_SECRET, PROFILE_IDS, defaultSeed } from "./seed";
export type { SeedData } from "./seed";
export type { FaultSpec } from "./faults";
export { API_PREFIX };

export interface OkasieSandbox {
  fetch: (req: Request) => Response | Promise<Response>;
  reset(): void;
  close(): void;
  /** Direct access to the in-memory state, for in-process tests and benchmarks. */
  state: SimState;
}

export function createOkasieSandbox(options: SandboxOptions = {}): OkasieSandbox {
  const state = createSimState(options);
  const app = createOkasieApp(state, options);
  return {
    fetch: (req: Request) => app.fetch(req),
    reset: () => state.reset(options.seed !== false),
    close: () => state.faults.clear(),
    state,
  };
}

export interface RunningOkasieSandbox {
  /** e.g. http://127.0.0.1:43123/api/external/v1 */
  baseUrl: string;
  origin: string;
  state: SimState;
  close(): Promise<void>;
}

export async function startOkasieSandbox(options: SandboxOptions & { port?: number; host?: string } = {}): Promise<RunningOkasieSandbox> {
  const state = createSimState(options);
  const app = createOkasieApp(state, options);
  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    baseUrl: `${origin}${API_PREFIX}`,
    origin,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        state.faults.clear();
        const s = server as unknown as { closeAllConnections?: () => void; close: (cb: () => void) => void };
        s.closeAllConnections?.();
        s.close(() => resolve());
      }),
  };
}
