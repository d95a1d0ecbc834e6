/**
 * Ad writes and triggers: create, update (PUT/PATCH), delete, bump, pole position, retry,
 * validate, migrate (blocket.md §2.3–§2.13, G-FLOW, G-DUP, G-SCOPE, G-TYPED, G-V3V4, G-BUMP,
 * G-RETRY, G-VALIDATE, G-DELDEL).
 */
import { randomUUID } from "node:crypto";
import { categoryById, isRegistered, MIGRATION_SOURCES, V4_INCOMPATIBLE_V3, type CategoryInfo } from "./categories";
import type { Auth } from "./auth";
import { fieldErrors, forbidden, isObject, json, nonFieldErrors, notFound, readJsonObject } from "./respond";
import { renderAd } from "./render";
import type { SandboxState } from "./state";
import type { Action, StoredAd } from "./store";
import { dropUnknownKeys } from "./schema";
import { normaliseCategoryFields, REQUIRED, toInt, validateAd, type FieldErrors, type ValidationContext } from "./validate";

/** Which resource a path addresses: `/v3/ad`, `/v4/ad` (generic) or `/v4/{vehicle_type}` (typed). */
export interface Resource {
  version: "v3" | "v4";
  typed: CategoryInfo | null;
}

const META_KEYS = new Set(["source_id", "dealer_code", "category_id", "image_urls", "url_title"]);

/**
 * What gets stored from a request body: unknown keys dropped (G-CF), meta keys removed, `<`/`>`
 * replaced in body. On registered vehicles `title` and `contact` are generated or not relevant:
 * v4 refuses them during validation, v3 ignores them (§2.2.1 [CONFLICT] resolution).
 */
function storedFields(body: Record<string, unknown>, categoryId: number, version: "v3" | "v4"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dropUnknownKeys(body, categoryId, version))) {
    if (META_KEYS.has(key)) continue;
    if (key === "body" && typeof value === "string") out.body = value.replace(/[<>]/g, "-");
    else if (key === "category_fields") out.category_fields = normaliseCategoryFields(value);
    else out[key] = value;
  }
  if (isRegistered(categoryId, version)) {
    delete out.title;
    delete out.contact;
  }
  return out;
}

/** The validation settings of this simulator's current config. */
const configured = (state: SandboxState): Pick<ValidationContext, "strictUnknownFields" | "validationProfile"> =>
  ({ strictUnknownFields: state.config.strictUnknownFields, validationProfile: state.config.validationProfile });

/** Deep merge (blocket.md §2.7): objects merge recursively, arrays and scalars replace, null clears. */
function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isObject(value) && isObject(out[key]) ? deepMerge(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

const adJson = (ad: StoredAd, status = 200) => json(renderAd(ad, { includeLog: true }), status);

export function findAd(state: SandboxState, auth: Auth, resource: Resource, sourceId: string, query: URLSearchParams): StoredAd | Response {
  let dealers = auth.dealerCodes;
  const narrowed = query.get("dealer_code");
  if (narrowed) {
    if (!dealers.includes(narrowed)) return notFound();
    dealers = [narrowed];
  }
  const matches = state.store.findBySource(sourceId, dealers);
  if (matches.length === 0) return notFound();
  if (matches.length > 1) return nonFieldErrors(["Multiple ads match this source_id; specify dealer_code"]);
  const ad = matches[0];
  if (resource.typed && ad.categoryId !== resource.typed.id && !(MIGRATION_SOURCES[resource.typed.vehicleType!] ?? []).includes(ad.categoryId)) return notFound();
  return ad;
}

function resolveCategory(resource: Resource, body: Record<string, unknown>): number | Response {
  const raw = body.category_id;
  if (resource.typed) {
    if (raw !== undefined && raw !== null && toInt(raw) !== resource.typed.id) return fieldErrors({ category_id: ["Does not match endpoint vehicle type."] });
    return resource.typed.id;
  }
  if (raw === undefined || raw === null || raw === "") return fieldErrors({ category_id: [REQUIRED] });
  const id = toInt(raw);
  if (id === null) return fieldErrors({ category_id: ["A valid integer is required."] });
  const info = categoryById(id);
  if (resource.version === "v4" && (id === 1061 || id === 1062)) return fieldErrors({ category_id: ["Use category 1060 (boat) in V4."] });
  if (!info || (resource.version === "v4" ? !info.v4 : !info.v3)) return fieldErrors({ category_id: [`"${String(raw)}" is not a valid choice.`] });
  return id;
}

/** G-SCOPE: the dealer that owns a new ad. */
function resolveDealer(auth: Auth, value: unknown): string | Response {
  if (auth.scope === "dealer_code") {
    if (value === undefined || value === null || value === "" || value === auth.dealerCodes[0]) return auth.dealerCodes[0];
    return forbidden();
  }
  if (value === undefined || value === null || value === "") return fieldErrors({ dealer_code: [REQUIRED] });
  if (typeof value !== "string" || !auth.dealerCodes.includes(value)) return forbidden();
  return value;
}

function failureResponse(failure: ReturnType<typeof validateAd>, extra?: FieldErrors): Response | null {
  if (extra && Object.keys(extra).length > 0) return fieldErrors({ ...(failure && "fields" in failure ? failure.fields : {}), ...extra });
  if (!failure) return null;
  return "fields" in failure ? fieldErrors(failure.fields) : nonFieldErrors(failure.nonField);
}

function imageUrlsOf(body: Record<string, unknown>): string[] | null {
  return Array.isArray(body.image_urls) ? (body.image_urls as string[]) : body.image_urls === null ? [] : null;
}

export async function createAd(state: SandboxState, auth: Auth, resource: Resource, req: Request): Promise<Response> {
  const body = await readJsonObject(req);
  if (body instanceof Response) return body;
  const categoryId = resolveCategory(resource, body);
  if (categoryId instanceof Response) return categoryId;
  const dealerCode = resolveDealer(auth, body.dealer_code);
  if (dealerCode instanceof Response) return dealerCode;

  const ctx = { version: resource.version, mode: "create" as const, categoryId, sent: body, ...configured(state) };
  const failure = validateAd(body, ctx);
  const duplicate = typeof body.source_id === "string" && state.store.get(dealerCode, body.source_id);
  const error = failureResponse(failure, duplicate ? { source_id: ["ad with this source id already exists."] } : undefined);
  if (error) return error;

  const registered = isRegistered(categoryId, resource.version);
  const data = storedFields(body, categoryId, resource.version);
  const now = state.scheduler.now();
  const plate = (data.category_fields as Record<string, unknown> | undefined)?.registration_number;
  // §4.1: a POST whose plate matches a Blocket Admin ad takes that ad over — once: an Admin ad already
  // attached to a source_id is an API ad now, and a second POST with its plate is a new ad.
  const admin = registered && typeof plate === "string"
    ? state.seed.adminAds.find((a) => a.dealerCode === dealerCode && a.registrationNumber.toUpperCase() === plate.toUpperCase()
      && !state.store.allFor([dealerCode]).some((other) => other.linkedAdmin?.blocketAdId === a.blocketAdId))
    : undefined;
  const imageUrls = imageUrlsOf(body) ?? [];
  // §4.1 [DOC:S1]: "image_urls must be provided" on the POST that takes over an Admin ad.
  if (admin && imageUrls.length === 0) return fieldErrors({ image_urls: [REQUIRED] });
  const ad: StoredAd = {
    id: randomUUID(),
    sourceId: body.source_id as string,
    dealerCode,
    categoryId,
    apiVersion: resource.version,
    state: "created",
    data,
    imageUrls,
    imageRefs: [],
    blocketAdId: null,
    offerId: null,
    blocketStoreId: null,
    dealerStoreId: state.dealer(dealerCode)?.storeId ?? "50000",
    published: false,
    poleUntil: null,
    linkedAdmin: admin ? { blocketAdId: admin.blocketAdId, offerId: admin.offerId } : null,
    created: now,
    updated: now,
    log: [],
    queue: [],
    settledAt: null,
  };
  state.store.insert(ad);
  const steps: Action[] = ["create"];
  if (imageUrls.length > 0) steps.push("handle_media");
  if (data.visible !== false) steps.push("publish");
  state.processor.enqueue(ad, steps, { imageUrls });
  return adJson(ad, 201);
}

export async function updateAd(state: SandboxState, auth: Auth, resource: Resource, ad: StoredAd, req: Request, method: "PUT" | "PATCH"): Promise<Response> {
  const body = await readJsonObject(req);
  if (body instanceof Response) return body;
  if (resource.version === "v3" && ad.apiVersion === "v4") return nonFieldErrors(["This ad is managed by API v4; update it through /v4"]);
  if (resource.version === "v4" && ad.apiVersion === "v3" && V4_INCOMPATIBLE_V3.has(ad.categoryId)) {
    return nonFieldErrors(["This ad must be migrated to V4 before it can be updated; use the migrate endpoint"]);
  }
  if (resource.typed && ad.categoryId !== resource.typed.id) return notFound();
  if (body.dealer_code !== undefined && body.dealer_code !== null && body.dealer_code !== ad.dealerCode) return fieldErrors({ dealer_code: ["Cannot be changed."] });
  if (body.category_id !== undefined && body.category_id !== null && toInt(body.category_id) !== ad.categoryId) {
    return fieldErrors({ category_id: [resource.typed ? "Does not match endpoint vehicle type." : "Cannot be changed."] });
  }
  const version = resource.version;
  const registered = isRegistered(ad.categoryId, version);
  const wasDeleted = ad.state === "deleted";
  if (wasDeleted && registered) return nonFieldErrors(["Ad has been deleted, cannot update"]);

  const patch = storedFields(body, ad.categoryId, version);
  const replace = method === "PUT" && state.config.putSemantics === "replace";
  const merged = replace ? patch : deepMerge(ad.data, patch);
  const previousPlate = (ad.data.category_fields as Record<string, unknown> | undefined)?.registration_number;
  const failure = validateAd(merged, {
    version, mode: "update", categoryId: ad.categoryId, sent: body, ...configured(state),
    previousRegistrationNumber: typeof previousPlate === "string" ? previousPlate : null,
  });
  const error = failureResponse(failure);
  if (error) return error;

  const wasVisible = ad.data.visible !== false;
  ad.data = merged;
  ad.apiVersion = version === "v4" ? "v4" : ad.apiVersion;
  if (wasDeleted) ad.state = "created";
  const imageUrls = imageUrlsOf(body);
  if (imageUrls) ad.imageUrls = imageUrls;
  const visible = merged.visible !== false;
  const steps: Action[] = ["update"];
  if (imageUrls) steps.push("handle_media");
  if (visible) steps.push("publish");
  else if (wasVisible && (ad.published || state.processor.hasPending(ad, "publish"))) steps.push("unpublish");
  state.processor.enqueue(ad, steps, { imageUrls: imageUrls ?? ad.imageUrls });
  return adJson(ad);
}

/** G-FLOW: `delete/processing` is written with the request; the worker unpublishes, then deletes. */
export function deleteAd(state: SandboxState, ad: StoredAd): Response {
  if (ad.state === "deleted") return nonFieldErrors(["Ad has already been deleted"]);
  if (state.processor.hasPending(ad, "delete")) return adJson(ad);
  const steps: Action[] = ad.published || state.processor.hasPending(ad, "publish") ? ["unpublish", "delete"] : ["delete"];
  state.processor.enqueue(ad, steps, { announce: "delete" });
  return adJson(ad);
}

const poleActive = (state: SandboxState, ad: StoredAd) =>
  (ad.poleUntil !== null && ad.poleUntil > state.scheduler.now()) || state.processor.hasPending(ad, "boost");

export function bumpAd(state: SandboxState, ad: StoredAd, query: URLSearchParams): Response {
  if (ad.state === "deleted") return nonFieldErrors(["Ad is deleted"]);
  if (ad.data.visible === false) return nonFieldErrors(["Ad must be visible to be bumped"]);
  if (poleActive(state, ad)) return nonFieldErrors(["Ad has an active pole position and cannot be bumped"]);
  const options: Record<string, unknown> = {};
  if (isRegistered(ad.categoryId, ad.apiVersion)) {
    options.exclude_blocket = query.get("exclude_blocket") === "true";
    options.exclude_bytbil = query.get("exclude_bytbil") === "true";
    if (options.exclude_blocket && options.exclude_bytbil) return nonFieldErrors(["exclude_blocket and exclude_bytbil cannot both be true"]);
  }
  if (state.dealer(ad.dealerCode)?.bumpPermission === false) return forbidden();
  state.processor.enqueue(ad, ["bump"], { options });
  return adJson(ad);
}

export function polePosition(state: SandboxState, ad: StoredAd): Response {
  if (ad.state === "deleted") return nonFieldErrors(["Ad is deleted"]);
  if (ad.data.visible === false) return nonFieldErrors(["Ad must be visible to get pole position"]);
  if (!isRegistered(ad.categoryId, "v4")) return nonFieldErrors(["Pole position is only available for registered vehicles"]);
  if (poleActive(state, ad)) return nonFieldErrors(["Pole position is already active"]);
  state.processor.enqueue(ad, ["boost"]);
  return adJson(ad);
}

/** G-RETRY: re-runs the failed step of the last write and what followed it. */
export function retryAd(state: SandboxState, ad: StoredAd): Response {
  if (state.processor.hasPending(ad)) return adJson(ad);
  const lastWrite = [...ad.log].reverse().find((e) => e.action !== "bump" && e.action !== "boost");
  const entries = lastWrite ? ad.log.filter((e) => e.requestId === lastWrite.requestId) : [];
  const failed = entries.find((e) => e.state === "error");
  if (!failed) return nonFieldErrors(["Nothing to retry"]);
  const visible = ad.data.visible !== false;
  const plan: Record<string, Action[]> = {
    create: ["create", ...(ad.imageUrls.length ? (["handle_media"] as Action[]) : []), ...(visible ? (["publish"] as Action[]) : [])],
    update: ["update", ...(ad.imageUrls.length ? (["handle_media"] as Action[]) : []), ...(visible ? (["publish"] as Action[]) : [])],
    handle_media: ["handle_media", ...(visible ? (["publish"] as Action[]) : [])],
    publish: ["publish"],
    unpublish: ["unpublish"],
    delete: ["delete"],
  };
  state.processor.enqueue(ad, plan[failed.action] ?? [failed.action], { imageUrls: ad.imageUrls });
  return adJson(ad);
}

export async function validateOnly(state: SandboxState, auth: Auth, resource: Resource, req: Request): Promise<Response> {
  const body = await readJsonObject(req);
  if (body instanceof Response) return body;
  const categoryId = resolveCategory(resource, body);
  if (categoryId instanceof Response) return categoryId;
  if (auth.scope === "dealer_group" && body.dealer_code !== undefined && body.dealer_code !== null && !auth.dealerCodes.includes(String(body.dealer_code))) return forbidden();
  const failure = validateAd(body, { version: resource.version, mode: "validate", categoryId, sent: body, ...configured(state) });
  return failureResponse(failure) ?? json({ valid: true });
}

export async function migrateAd(state: SandboxState, resource: Resource, ad: StoredAd, req: Request): Promise<Response> {
  const body = await readJsonObject(req);
  if (body instanceof Response) return body;
  if (ad.state === "deleted") return nonFieldErrors(["Ad has been deleted, cannot update"]);
  if (ad.apiVersion === "v4") return nonFieldErrors(["Ad is already a V4 ad"]);
  let target: number;
  if (resource.typed) {
    if (body.category_id !== undefined) return fieldErrors({ category_id: ["This field must not be sent when migrating."] });
    target = resource.typed.id;
    const sources = MIGRATION_SOURCES[resource.typed.vehicleType!] ?? [];
    if (ad.categoryId !== target && !sources.includes(ad.categoryId)) {
      return nonFieldErrors([`This ad cannot be migrated to ${resource.typed.vehicleType}; delete it and create a new ad`]);
    }
  } else {
    const resolved = resolveCategory({ version: "v4", typed: null }, body);
    if (resolved instanceof Response) return resolved;
    target = resolved;
  }
  const failure = validateAd(body, { version: "v4", mode: "migrate", categoryId: target, sent: body, ...configured(state) });
  const error = failureResponse(failure);
  if (error) return error;
  const data = storedFields(body, target, "v4");
  ad.data = data;
  ad.categoryId = target;
  ad.apiVersion = "v4";
  const imageUrls = imageUrlsOf(body);
  if (imageUrls) ad.imageUrls = imageUrls;
  const steps: Action[] = ["update"];
  if (imageUrls && imageUrls.length > 0) steps.push("handle_media");
  if (data.visible !== false) steps.push("publish");
  state.processor.enqueue(ad, steps, { imageUrls: ad.imageUrls });
  return adJson(ad);
}
