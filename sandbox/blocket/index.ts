/**
 * Blocket Pro Import API simulator (issue #5). `createBlocketSandbox` gives a fetch handler for
 * the lead's sandbox server; `startBlocketSandbox` listens on 127.0.0.1 for tests.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { API_PREFIX, createApp } from "./app";
import { SandboxState, type SandboxStateOptions } from "./state";

export interface BlocketSandboxOptions extends SandboxStateOptions {
  /** Seed the default dealers and tokens (default true). */
  seed?: boolean;
  /**
   * Duration of one worker step (an ad is published after three steps); overrides the timing
   * profile's, without jitter or slow steps. Default: the profile's (500 ms for "contract").
   */
  processingDelayMs?: number;
}

export interface BlocketSandbox {
  fetch: (req: Request) => Response | Promise<Response>;
  reset(): void;
  close(): void;
  /** The simulator's state, for in-process tests. */
  readonly state: SandboxState;
}

export function createBlocketSandbox(options: BlocketSandboxOptions = {}): BlocketSandbox {
  const state = new SandboxState(options);
  const { app, sleeps } = createApp(state);
  return {
    state,
    fetch: (req) => {
      // Blocket's base URLs end with "/": accept paths with and without it, never redirect.
      const url = new URL(req.url);
      if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
        url.pathname = url.pathname.replace(/\/+$/, "");
        return app.fetch(new Request(url, req));
      }
      return app.fetch(req);
    },
    reset: () => state.reset(),
    close: () => {
      state.close();
      sleeps.cancelAll();
    },
  };
}

export async function startBlocketSandbox(options: BlocketSandboxOptions & { port?: number } = {}): Promise<{ baseUrl: string; origin: string; close(): Promise<void>; sandbox: BlocketSandbox }> {
  const sandbox = createBlocketSandbox(options);
  const port = options.port ?? Number(process.env.SANDBOX_BLOCKET_PORT ?? 4020);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: sandbox.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      const origin = `http://127.0.0.1:${info.port}`;
      resolve({
        baseUrl: origin + API_PREFIX,
        origin,
        sandbox,
        close: () =>
          new Promise<void>((done) => {
            sandbox.close();
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once("error", reject);
  });
}
