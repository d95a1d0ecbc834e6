/**
 * The photo route handlers behind a real HTTP server (node:http, through @hono/node-server's
 * Request adapter), so uploads stream over a socket as from a browser. Routes as in app/.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import * as photos from "@/app/api/d/[dealer]/photos/route";
import * as photo from "@/app/api/d/[dealer]/photos/[id]/route";
import * as media from "@/app/media/photos/[dealer]/[file]/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: [RegExp, string[], Partial<Record<string, Handler>>][] = [
  [/^\/api\/d\/([^/]+)\/photos$/, ["dealer"], photos as unknown as Record<string, Handler>],
  [/^\/api\/d\/([^/]+)\/photos\/([^/]+)$/, ["dealer", "id"], photo as unknown as Record<string, Handler>],
  [/^\/media\/photos\/([^/]+)\/([^/]+)$/, ["dealer", "file"], media as unknown as Record<string, Handler>],
];

async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const [pattern, names, handlers] of ROUTES) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const handler = handlers[request.method];
    if (!handler) return new Response(null, { status: 405 });
    // Next decodes path segments before they reach params.
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response("no route", { status: 404 });
}

export async function startPhotoServer(): Promise<{ origin: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(getRequestListener(route));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
