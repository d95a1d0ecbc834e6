/** Shared helpers for the sync tests: tenants, connections to ephemeral simulators, listings, waits. */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { listingSchema, type ListingInput } from "@/lib/listings/schema";
import { toRow } from "@/lib/listings/store";
import { lastFour, seal } from "@/lib/vault";
import { executeRun } from "@/lib/sync/engine";
import { getRun, requestSync, type RunView } from "@/lib/sync/service";

export const OKASIE_TOKEN = "okasie-sandbox-token";
export const OKASIE_PROFILE = "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f";
export const BLOCKET_TOKEN = "blocket-sandbox-token";

export async function makeDealer(country: "BE" | "SE") {
  const slug = `sync-${randomUUID().slice(0, 8)}`;
  return db.dealer.create({ data: { slug, name: `Sync test ${slug}`, country } });
}

export async function makeAdmin(dealerId: string) {
  const user = await db.user.create({ data: { email: `admin-${randomUUID().slice(0, 8)}@sync.test`, name: "Sync Admin", passwordHash: "x" } });
  await db.membership.create({ data: { dealerId, userId: user.id, role: "ADMIN" } });
  return user;
}

export async function makeConnection(dealerId: string, marketplace: "OKASIE" | "BLOCKET", baseUrl: string, extra: Record<string, unknown> = {}) {
  const id = `c${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const token = marketplace === "OKASIE" ? OKASIE_TOKEN : BLOCKET_TOKEN;
  const sealed = seal(token, id);
  return db.connection.create({
    data: {
      id, dealerId, name: `${marketplace} test`, marketplace, environment: "SANDBOX", baseUrl,
      tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(token),
      ...(marketplace === "OKASIE" ? { dealerProfileId: OKASIE_PROFILE, dealerLocationCode: "DEX-GENT" } : { dealerCode: "FC-STHLM", tokenScope: "dealer_group" }),
      ...extra,
    },
  });
}

export function okasieCar(reference: string, i = 0, over: Partial<ListingInput> = {}): ListingInput {
  return {
    reference, status: "active", title: `Volkswagen Golf ${2015 + (i % 10)}`, description: `Well maintained. Stock ${i}.`,
    price: 8_000 + (i % 400) * 75, currency: "EUR", make: "Volkswagen", model: "Golf", year: 2015 + (i % 10), mileage: 10_000 + ((i * 37) % 190_000),
    fuelType: "petrol", transmission: "manual", bodyType: "hatchback", doors: 5, seats: 5,
    postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
    images: [`https://photos.example.com/sync/${reference}/1.jpg`], ...over,
  };
}

export function blocketCar(reference: string, i = 0, over: Partial<ListingInput> = {}): ListingInput {
  const plate = `S${String(i).padStart(5, "0")}`.slice(0, 6);
  return {
    reference, status: "active", title: `Volvo XC60 T5 ${i}`, description: "Välskött.", price: 249_900 + i, currency: "SEK",
    make: "Volvo", model: "XC60", variant: "T5", year: 2021, mileage: 42_000 + i, fuelType: "petrol", transmission: "automatic", bodyType: "suv",
    registrationNumber: plate, blocketCategory: "car", images: [`https://cdn.example.com/sync/${reference}/1.jpg`], ...over,
  };
}

export async function insertListings(dealerId: string, inputs: ListingInput[]) {
  const rows = inputs.map((l) => ({ ...toRow(listingSchema.parse(l)), dealerId }));
  for (let i = 0; i < rows.length; i += 1000) await db.listing.createMany({ data: rows.slice(i, i + 1000) });
  return db.listing.findMany({ where: { dealerId }, orderBy: { reference: "asc" } });
}

export async function updateListing(dealerId: string, reference: string, change: Partial<ListingInput>) {
  const row = await db.listing.findFirstOrThrow({ where: { dealerId, reference } });
  const { fromRow } = await import("@/lib/listings/store");
  const next = listingSchema.parse({ ...fromRow(row), ...change });
  const data = toRow(next);
  return db.listing.update({ where: { id: row.id }, data: { ...data, soldAt: next.status === "sold" ? row.soldAt ?? new Date() : null } });
}

const FINAL = new Set(["SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED", "NEEDS_CONFIRMATION"]);

export async function waitForRun(dealerId: string, runId: string, timeoutMs = 60_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(dealerId, runId);
    if (FINAL.has(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms (${run.done}/${run.total})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const publications = (dealerId: string, connectionId: string) =>
  db.publication.findMany({ where: { dealerId, connectionId }, include: { listing: { select: { reference: true, status: true, referenceLockedAt: true } } } });

/** Queues a run and executes it in this process (no worker), then returns what it recorded. */
export async function syncNow(dealerId: string, connectionId: string, trigger: "MANUAL" | "SCHEDULE" = "MANUAL") {
  const { runId } = await requestSync({ dealerId, connectionId, trigger });
  await executeRun(runId);
  return getRun(dealerId, runId);
}
