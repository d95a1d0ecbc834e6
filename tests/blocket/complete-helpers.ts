/**
 * Helpers for the "Blocket complete" suites (import, migration, promotions, rehearsal): the Blocket
 * sandbox over real HTTP, requests to it as another integrator would send them, and its /__sim
 * controls (drain, faults, admin ads, charges).
 */
import { startBlocketSandbox } from "@/sandbox/blocket";
import { db } from "@/lib/db";
import { pollConnection } from "@/lib/sync/poll";
import { BLOCKET_TOKEN } from "../sync/helpers";

export type RunningBlocket = Awaited<ReturnType<typeof startBlocketSandbox>>;

export async function startSandbox(): Promise<RunningBlocket> {
  return startBlocketSandbox({ port: 0, processingDelayMs: 5 });
}

export function blocketApi(sim: RunningBlocket) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(sim.baseUrl + path, {
      method, headers: { "x-auth-token": BLOCKET_TOKEN, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.origin}/__sim${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  };
  return {
    call,
    control,
    /** Runs every queued worker step (publish, bump, …) to its end. */
    drain: () => control("POST", "/drain"),
    ad: async (sourceId: string) => (await call("GET", `/v4/ad/${encodeURIComponent(sourceId)}`)).json,
    /** Every ad the sandbox holds for the dealer code, by reference. */
    ads: async (dealerCode = "FC-STHLM") => {
      const state = await control("GET", "/state");
      return (state.ads as { source_id: string; dealer_code: string; visible: boolean; published: boolean; blocket_ad_id: string | null; state: string }[]).filter((a) => a.dealer_code === dealerCode);
    },
    charges: async () => (await control("GET", "/charges")) as { sourceId: string; kind: string; marketplaces: string[]; dealerCode: string }[],
  };
}

/** The car payload another integrator (or Blocket Admin's old import) would have sent, v4 typed. */
export function wireCar(sourceId: string, plate: string, extra: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
  return {
    source_id: sourceId, dealer_code: "FC-STHLM", body: "Välskött bil med servicebok.",
    price: [{ type: "list", amount: 249_900, currency: "SEK" }],
    image_urls: [`https://cdn.example.com/${sourceId}/1.jpg`, `https://cdn.example.com/${sourceId}/2.jpg`],
    category_fields: {
      registration_number: plate, brand: "volvo", model: "xc60", model_type: "T5", model_year: 2021, body_type: "suv", color: "svart",
      condition: { mileage: { unit: "km", value: 42_000 }, is_new_vehicle: false },
      powertrain: { transmission: "automatic", fuels: ["gasoline"] },
      equipments: ["Dragkrok", "Navigation"],
      ...fields,
    },
    ...extra,
  };
}

/** Lets Blocket finish its work, then the status poll settles the publications and mirrors the logs. */
export async function settle(sim: RunningBlocket, dealerId: string, connectionId: string) {
  await blocketApi(sim).drain();
  return pollConnection(dealerId, connectionId);
}

export const auditOf = (dealerId: string, action: string) => db.auditEvent.findMany({ where: { dealerId, action }, orderBy: { createdAt: "asc" } });
