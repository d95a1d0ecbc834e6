/** "Fjord", server half: an adapter on the shared HTTP client, built from what the server injects. */
import { HttpClient, MarketplaceHttpError } from "@/lib/marketplaces/http";
import type { AdLogEntry, ConnectionContext, MarketplaceAdapter, MarketplaceRuntime, PushOutcome, RemoteAd, RemoteStatus, RuntimeDeps } from "@/lib/marketplaces/types";
import { FJORD_ID, fjordDescriptor, fjordPayload, type FjordPayload } from "./descriptor";
import type { FjordAd } from "./server";

const STATUS: Record<FjordAd["state"], RemoteStatus> = { queued: "processing", deleting: "processing", live: "live", hidden: "draft", deleted: "removed" };

function toRemote(ad: FjordAd): RemoteAd {
  return {
    reference: ad.ref,
    remoteId: ad.id,
    status: STATUS[ad.state],
    updatedAt: ad.updatedAt,
    title: String(ad.payload.title ?? ""),
    log: ad.log.map((l) => ({ remoteId: ad.id, reference: ad.ref, requestId: null, action: l.action, state: l.state, message: null, at: l.at, remoteLogId: l.id })),
    logComplete: true,
    raw: ad,
  };
}

export function createFjordAdapter(deps: RuntimeDeps): MarketplaceAdapter {
  const http = (c: ConnectionContext) =>
    new HttpClient({
      baseUrl: c.baseUrl,
      headers: { "x-fjord-key": c.token, "x-fjord-account": String(c.identity.account ?? "") },
      budget: deps.budget,
      budgetKey: c.budgetKey,
      signal: c.signal,
      retries: deps.settings.retries ?? 2,
      minBackoffMs: deps.settings.minBackoffMs ?? 50,
      maxBackoffMs: deps.settings.maxBackoffMs ?? 200,
      timeoutMs: deps.settings.timeoutMs ?? 3000,
      maxResponseBytes: deps.settings.maxResponseBytes,
      log: deps.log,
      onAttempt: deps.onAttempt,
    });
  const failed = (reference: string, err: unknown): PushOutcome => ({
    reference, result: "rejected", code: err instanceof MarketplaceHttpError ? `HTTP_${err.status}` : "UNEXPECTED",
    message: (err as Error).message, retryable: err instanceof MarketplaceHttpError ? err.retryable : true,
  });
  const list = async (c: ConnectionContext, query: Record<string, string | undefined>) =>
    ((await http(c).request({ method: "GET", path: "/ads", query })).json as { ads: FjordAd[] }).ads.map(toRemote);

  return {
    marketplace: FJORD_ID,
    async check(c) {
      try {
        await http(c).request({ method: "GET", path: "/ads", query: { limit: 1 } });
        return { ok: true, status: "ok", message: "Fjord accepted the key.", identities: [{ id: String(c.identity.account), name: String(c.identity.account) }] };
      } catch (err) {
        if (err instanceof MarketplaceHttpError && err.status === 401) return { ok: false, status: "unauthorized", message: "" };
        if (err instanceof MarketplaceHttpError && (err.kind === "network" || err.kind === "timeout")) return { ok: false, status: "unreachable", message: "" };
        return { ok: false, status: "unexpected", message: "" };
      }
    },
    async push(inputs, c) {
      return Promise.all(inputs.map(async (input): Promise<PushOutcome> => {
        const payload: FjordPayload = fjordPayload(input);
        try {
          const res = await http(c).request({ method: "PUT", path: `/ads/${encodeURIComponent(payload.ref)}`, body: payload });
          return { reference: payload.ref, result: "accepted", remoteId: (res.json as { id: string }).id };
        } catch (err) {
          return failed(payload.ref, err);
        }
      }));
    },
    async remove(references, c) {
      return Promise.all(references.map(async (reference): Promise<PushOutcome> => {
        try {
          await http(c).request({ method: "DELETE", path: `/ads/${encodeURIComponent(reference)}` });
          return { reference, result: "accepted" };
        } catch (err) {
          if (err instanceof MarketplaceHttpError && err.status === 404) return { reference, result: "live", remoteStatus: "removed" };
          return failed(reference, err);
        }
      }));
    },
    remoteState: (query, c) => ("references" in query ? list(c, { refs: query.references.join(",") }) : list(c, { since: query.since ?? undefined })),
    async logs(reference, since, c): Promise<AdLogEntry[]> {
      const ad = (await list(c, { refs: reference }))[0];
      return (ad?.log ?? []).filter((l) => !since || l.at >= since);
    },
    async bump(references, c) {
      return Promise.all(references.map(async (reference): Promise<PushOutcome> => {
        try {
          await http(c).request({ method: "POST", path: `/ads/${encodeURIComponent(reference)}/bump` });
          return { reference, result: "accepted" };
        } catch (err) {
          return failed(reference, err);
        }
      }));
    },
    importExisting: {
      toListing: (ad) => {
        const p = (ad.raw as FjordAd).payload as Partial<FjordPayload>;
        return { reference: ad.reference, status: p.visible === false ? "draft" : "active", title: p.title ?? "", price: p.price ?? null, currency: "EUR", make: p.make ?? null, images: p.images ?? [] };
      },
    },
  };
}

export function fjordRuntime(officialBaseUrl: string): MarketplaceRuntime {
  return { descriptor: fjordDescriptor(officialBaseUrl), rateWindows: [{ points: 1000, durationSec: 1 }], createAdapter: createFjordAdapter };
}
