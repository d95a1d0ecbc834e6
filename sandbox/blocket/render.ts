/**
 * How the simulator renders ads and log entries (blocket.md §2.2.2, §2.2.7): ISO 8601 UTC
 * timestamps, the embedded `log` = the 100 most recent entries, oldest first.
 */
import { isRegistered } from "./categories";
import { BRANDS } from "./fixtures";
import type { LogEntry, StoredAd } from "./store";

export const iso = (ms: number) => new Date(ms).toISOString();

export function renderLogEntry(entry: LogEntry) {
  return {
    request_id: entry.requestId,
    created: iso(entry.created),
    action: entry.action,
    state: entry.state,
    external_message: entry.externalMessage,
  };
}

const brandName = (slug: unknown) => BRANDS.find((b) => b.id === slug)?.name ?? (typeof slug === "string" ? slug : "");

/** Registered vehicles get a generated title (format ASSUMED: "<Brand> <model> <model_type>"). */
function title(ad: StoredAd): string | null {
  if (!isRegistered(ad.categoryId, ad.apiVersion)) return (ad.data.title as string | undefined) ?? null;
  const cf = (ad.data.category_fields ?? {}) as Record<string, unknown>;
  const model = typeof cf.model === "string" ? cf.model.replace(/-/g, " ").toUpperCase() : "";
  return [brandName(cf.brand), model, cf.model_type].filter((p) => typeof p === "string" && p.length > 0).join(" ") || null;
}

const STORED_KEYS = ["body", "visible", "price", "url", "video_url", "location", "contact", "category_fields", "dont_publish_on_failed_images", "product_declaration"];

export function renderAd(ad: StoredAd, opts: { includeLog: boolean; fields?: string[] | null }) {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ad.data)) if (!STORED_KEYS.includes(key) && key !== "title" && key !== "url_title") extras[key] = value;
  const out: Record<string, unknown> = {
    id: ad.id,
    source_id: ad.sourceId,
    dealer_code: ad.dealerCode,
    category_id: ad.categoryId,
    state: ad.state,
    title: title(ad),
    body: ad.data.body ?? null,
    visible: ad.data.visible ?? true,
    price: ad.data.price ?? [],
    image_refs: ad.imageRefs,
    url: ad.data.url ?? null,
    video_url: ad.data.video_url ?? null,
    location: ad.data.location ?? null,
    contact: ad.data.contact ?? null,
    category_fields: ad.data.category_fields ?? {},
    dont_publish_on_failed_images: ad.data.dont_publish_on_failed_images ?? false,
    product_declaration: ad.data.product_declaration ?? null,
    ...extras,
    blocket_ad_id: ad.blocketAdId,
    offer_id: ad.offerId,
    blocket_store_id: ad.blocketStoreId,
    api_version: ad.apiVersion,
    created: iso(ad.created),
    updated: iso(ad.updated),
  };
  if (opts.includeLog) out.log = ad.log.slice(-100).map(renderLogEntry);
  if (!opts.fields || opts.fields.length === 0) return out;
  const sparse: Record<string, unknown> = {};
  for (const field of opts.fields) if (field in out) sparse[field] = out[field];
  return sparse;
}
