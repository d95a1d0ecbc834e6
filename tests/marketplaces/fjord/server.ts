/**
 * A tiny "Fjord" marketplace server for the third-marketplace test: asynchronous writes (a PUT
 * or DELETE is queued and settles at the next read), an action log per ad, paid bumps, and an
 * account that may already hold ads. Auth header `x-fjord-key`.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FjordAd {
  ref: string;
  id: string;
  account: string;
  payload: Record<string, unknown>;
  state: "queued" | "live" | "hidden" | "deleting" | "deleted";
  updatedAt: string;
  log: { id: string; action: string; state: string; at: string }[];
}

export interface FjordServer {
  baseUrl: string;
  ads: Map<string, FjordAd>;
  requests: { method: string; path: string }[];
  seed(ad: { ref: string; account: string; payload: Record<string, unknown> }): void;
  close(): Promise<void>;
}

export const FJORD_KEY = "fjord-test-key-123456";

const body = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
};

export async function startFjordServer(): Promise<FjordServer> {
  const ads = new Map<string, FjordAd>();
  const requests: { method: string; path: string }[] = [];
  let seq = 0;
  let clock = 0;
  // Real time, strictly increasing (so every event has its own time).
  const now = () => new Date((clock = Math.max(Date.now(), clock + 1))).toISOString();
  const note = (ad: FjordAd, action: string, state: string) => ad.log.push({ id: `${ad.id}-${ad.log.length}`, action, state, at: now() });

  /** Queued work settles when someone reads, as if the marketplace's worker had run meanwhile. */
  const settle = () => {
    for (const ad of ads.values()) {
      if (ad.state === "queued") {
        ad.state = ad.payload.visible === false ? "hidden" : "live";
        ad.updatedAt = now();
        note(ad, "publish", "done");
      } else if (ad.state === "deleting") {
        ad.state = "deleted";
        ad.updatedAt = now();
        note(ad, "delete", "done");
      }
    }
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fjord.test");
    requests.push({ method: req.method ?? "GET", path: url.pathname });
    const send = (status: number, json?: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(json === undefined ? "" : JSON.stringify(json));
    };
    if (req.headers["x-fjord-key"] !== FJORD_KEY) return send(401, { error: "bad key" });
    const account = String(req.headers["x-fjord-account"] ?? "");
    const [, first, ref, op] = url.pathname.replace(/^\/api/, "").split("/");
    if (first !== "ads") return send(404, { error: "no route" });
    const mine = (ad: FjordAd | undefined) => (ad && ad.account === account ? ad : undefined);

    if (req.method === "GET" && !ref) {
      settle();
      const refs = url.searchParams.get("refs")?.split(",");
      const since = url.searchParams.get("since");
      const list = [...ads.values()].filter((a) => a.account === account && (!refs || refs.includes(a.ref)) && (!since || a.updatedAt >= since));
      return send(200, { ads: list.slice(0, Number(url.searchParams.get("limit") ?? 1000)) });
    }
    if (req.method === "PUT" && ref && !op) {
      const payload = (await body(req)) as Record<string, unknown>;
      const existing = mine(ads.get(ref));
      const ad: FjordAd = existing && existing.state !== "deleted" ? existing : { ref, id: `fj-${++seq}`, account, payload, state: "queued", updatedAt: now(), log: [] };
      ad.payload = payload;
      ad.state = "queued";
      ad.updatedAt = now();
      note(ad, "publish", "processing");
      ads.set(ref, ad);
      return send(202, { id: ad.id });
    }
    if (req.method === "DELETE" && ref && !op) {
      const ad = mine(ads.get(ref));
      if (!ad || ad.state === "deleted") return send(404, { error: "unknown ad" });
      ad.state = "deleting";
      note(ad, "delete", "processing");
      return send(202, { id: ad.id });
    }
    if (req.method === "POST" && ref && op === "bump") {
      const ad = mine(ads.get(ref));
      if (!ad) return send(404, { error: "unknown ad" });
      note(ad, "bump", "done");
      return send(202, { id: ad.id });
    }
    if (req.method === "GET" && ref && op === "log") {
      const ad = mine(ads.get(ref));
      return ad ? send(200, { log: ad.log }) : send(404, { error: "unknown ad" });
    }
    return send(405, { error: "method" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    ads,
    requests,
    seed({ ref, account, payload }) {
      const ad: FjordAd = { ref, id: `fj-${++seq}`, account, payload, state: "live", updatedAt: now(), log: [] };
      note(ad, "publish", "done");
      ads.set(ref, ad);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
