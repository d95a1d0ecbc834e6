/** Shared helpers for the Blocket tests: an in-process simulator and request shortcuts. */
import { createBlocketSandbox, type BlocketSandbox } from "@/sandbox/blocket/index";

export const GROUP_TOKEN = "blocket-sandbox-token";
export const DEALER_TOKEN = "blocket-sandbox-dealer-token";
export const BASE = "http://sim.test/pro-import-api";

export function carPayload(sourceId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source_id: sourceId,
    dealer_code: "FC-STHLM",
    body: "Well kept.",
    price: [{ type: "list", amount: 249_900, currency: "SEK" }],
    image_urls: ["https://cdn.example.com/a/1.jpg", "https://cdn.example.com/a/2.png"],
    category_fields: {
      registration_number: "ABC123",
      brand: "volvo",
      model: "xc60",
      model_type: "T5",
      model_year: 2021,
      body_type: "suv",
      condition: { mileage: { unit: "km", value: 42_000 }, is_new_vehicle: false },
      powertrain: { transmission: "automatic", fuels: ["gasoline"] },
    },
    ...overrides,
  };
}

export function boatPayload(sourceId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source_id: sourceId,
    dealer_code: "FC-STHLM",
    title: "Buster XL",
    body: "Aluminium boat.",
    price: [{ type: "list", amount: 150_000, currency: "SEK" }],
    contact: { name: "Anna", phone: "+46701234567", email: "anna@example.se" },
    category_fields: { brand: "buster", model_year: 2019 },
    ...overrides,
  };
}

export interface Sim {
  sandbox: BlocketSandbox;
  call(method: string, path: string, body?: unknown, opts?: { token?: string | null; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; json: any; headers: Headers }>;
  sim(method: string, path: string, body?: unknown): Promise<any>;
  drain(): Promise<void>;
}

/** A simulator in manual clock mode: nothing is processed until `drain()`. */
export function manualSim(): Sim {
  const sandbox = createBlocketSandbox();
  sandbox.state.scheduler.setMode("manual");
  const call: Sim["call"] = async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? GROUP_TOKEN : opts.token;
    if (token) headers["x-auth-token"] = token;
    let payload: string | undefined = opts.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] ??= "application/json";
    }
    const res = await sandbox.fetch(new Request(BASE + path, { method, headers, body: payload }));
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  };
  const sim: Sim["sim"] = async (method, path, body) => {
    const res = await sandbox.fetch(new Request("http://sim.test/__sim" + path, {
      method, headers: body !== undefined ? { "content-type": "application/json" } : {}, body: body !== undefined ? JSON.stringify(body) : undefined,
    }));
    return res.json();
  };
  return { sandbox, call, sim, drain: async () => void (await sandbox.state.drain()) };
}
