/**
 * Make and model lists for the editor's combo boxes, per dealer.
 *
 * A dealer publishing to a marketplace that offers its own vehicle lists (capability
 * `vehicleLookups`, e.g. Blocket §2.14) gets that marketplace's brands and models, so what they
 * choose is a value the marketplace accepts. The lists are cached in the database for every dealer
 * of that marketplace endpoint (VehicleLookup, fresh for a week): the editor asks once per list,
 * never per keystroke, and the marketplace is called at most once a week per list. If it cannot
 * be reached, a stale copy is served; with none, the bundled European list (makes-eu.ts).
 * Everyone else gets the bundled list. Free text is always accepted by the editor.
 */
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contextFor } from "@/lib/connections/endpoint";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { VehicleList, VehicleValue } from "@/lib/marketplaces/types";
import { adapterFor } from "@/lib/sync/adapters";
import { open } from "@/lib/vault";
import { errorSummary, logFor } from "@/lib/log";
import { MAKES_EU } from "@/lib/vehicles/makes-eu";

export const LOOKUP_TTL_MS = 7 * 24 * 3600 * 1000;

export interface VehicleOptions {
  /** Where the list came from: a marketplace's id, or "bundled". */
  source: string;
  values: VehicleValue[];
  /** Listing fields that keep the chosen value's id (the marketplace's), when the list is one. */
  idFields: { brand: string; model: string } | null;
}

/** The bundled list: its ids are the names themselves. */
export function bundledValues(list: VehicleList): VehicleValue[] {
  if (list.kind === "brands") return Object.keys(MAKES_EU).map((name) => ({ id: name, name }));
  const make = Object.keys(MAKES_EU).find((name) => name.toLowerCase() === list.brand.trim().toLowerCase());
  return (make ? MAKES_EU[make]! : []).map((name) => ({ id: name, name }));
}

const keyOf = (list: VehicleList) => (list.kind === "brands" ? "brands" : `models:${list.brand.trim().toLowerCase()}`);

/** The first enabled connection of the dealer whose marketplace offers vehicle lists. */
async function lookupConnection(dealerId: string) {
  const rows = await db.connection.findMany({ where: { dealerId, enabled: true, archivedAt: null }, orderBy: { createdAt: "asc" } });
  return rows.find((c) => isMarketplaceId(c.marketplace) && descriptorOf(c.marketplace).capabilities.vehicleLookups) ?? null;
}

export async function vehicleOptions(dealerId: string, list: VehicleList, now = new Date()): Promise<VehicleOptions> {
  const connection = await lookupConnection(dealerId);
  if (!connection) return { source: "bundled", values: bundledValues(list), idFields: null };
  const lookups = descriptorOf(connection.marketplace).capabilities.vehicleLookups!;
  const idFields = { brand: lookups.brandIdField, model: lookups.modelIdField };
  const where = { marketplace: connection.marketplace, endpoint: createHash("sha256").update(connection.baseUrl).digest("hex"), key: keyOf(list) };
  const cached = await db.vehicleLookup.findUnique({ where: { marketplace_endpoint_key: where } });
  if (cached && now.getTime() - cached.fetchedAt.getTime() < LOOKUP_TTL_MS) return { source: connection.marketplace, values: cached.values as unknown as VehicleValue[], idFields };
  try {
    const token = open({ ciphertext: connection.tokenCiphertext, keyId: connection.tokenKeyId }, connection.id);
    const adapter = adapterFor(connection.marketplace, { quick: true });
    const values = await adapter.vehicleValues!(list, contextFor(connection, token, AbortSignal.timeout(15_000)));
    const data = { values: values as unknown as Prisma.InputJsonValue, fetchedAt: now };
    await db.vehicleLookup.upsert({ where: { marketplace_endpoint_key: where }, create: { ...where, ...data }, update: data });
    return { source: connection.marketplace, values, idFields };
  } catch (err) {
    logFor("vehicles").warn({ marketplace: connection.marketplace, list: where.key, error: errorSummary(err) }, "vehicle list not fetched; serving the cached or bundled list");
    if (cached) return { source: connection.marketplace, values: cached.values as unknown as VehicleValue[], idFields };
    return { source: "bundled", values: bundledValues(list), idFields: null };
  }
}
