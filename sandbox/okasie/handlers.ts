/**
 * The Okasie endpoints (E1–E8), as pure functions of the store and one authenticated request.
 * Validation order follows okasie.md §5.3; every failure is an ApiError with the documented code.
 */
import { randomUUID } from "node:crypto";
import type { ApiKey, Issue, OkasieStatus, Partner, StoredListing } from "./types";
import { STATUSES } from "./types";
import type { OkasieStore, ResolvedImages, SkippedImage } from "./store";
import { normalizeListing, applyDefaults, businessRule, UUID_RE, type NormalizedListing } from "./validation";
import { ApiError, validationError, param, parseIntStrict, parseBool, parseIsoDate } from "./http-util";
import { listingJson, locationJson } from "./serialize";

export interface AuthedRequest {
  store: OkasieStore;
  key: ApiKey;
  partner: Partner;
  query: URLSearchParams;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** Raw body text ("" when none). */
  bodyText: string;
}

export interface Result {
  status: number;
  body: unknown;
  /** Items a write carried (bulk items; 1 for a PUT), for the realistic latency profile. */
  items?: number;
}

const NOT_FOUND = () => new ApiError(404, "NOT_FOUND", "Listing not found");
const FORBIDDEN = () => new ApiError(403, "PROFILE_FORBIDDEN", "No access to requested profile");

function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new ApiError(400, "INVALID_JSON", "Request body must be valid JSON");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "INVALID_JSON", "Request body must be valid JSON");
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function requireReference(raw: string | undefined): string {
  const ref = (raw ?? "").trim();
  if (!ref) throw new ApiError(400, "INVALID_REFERENCE", "External reference is required");
  return ref;
}

// ---- writes -----------------------------------------------------------------------------------

interface UpsertOutcome {
  listing: StoredListing;
  created: boolean;
  warnings?: Record<string, unknown>;
}

/** A write that passed every check of §5.3 (steps 8–16) and waits for its images. */
interface Prepared {
  value: NormalizedListing;
  reference: string;
  profileId: string;
}

/** The partner's listing with this reference; 403 when it belongs to a profile out of scope (step 16). */
function existingInScope(req: AuthedRequest, reference: string): StoredListing | null {
  const existing = req.store.findByReference(req.partner.id, reference) ?? null;
  if (existing && !req.store.scope(req.key).has(existing.dealerProfileId)) throw FORBIDDEN();
  return existing;
}

/** §5.3 steps 8–16 for one body. `fromPath` is set for PUT (the path wins over the body). */
function prepare(req: AuthedRequest, body: Record<string, unknown>, reference: string, fromPath: boolean): Prepared {
  const { store, key } = req;
  const year = new Date(store.clock.now()).getUTCFullYear();
  const { value, issues } = normalizeListing(body, year);
  const kept = fromPath ? issues.filter((i) => i.path !== "externalReference") : issues;
  if (fromPath && reference.length > 64) kept.unshift({ path: "externalReference", code: "too_big", message: "String must contain at most 64 character(s)" });
  if (kept.length > 0) throw validationError(kept);
  applyDefaults(value);
  const rule = businessRule(value);
  if (rule) throw new ApiError(400, rule.code, rule.message);

  const scope = store.scope(key);
  let profileId: string;
  const byId = value.fields.dealerProfileId as string | null;
  if (byId) {
    if (!scope.has(byId)) throw FORBIDDEN();
    profileId = byId;
  } else {
    const profile = store.profileByCode(String(value.fields.dealerLocationCode), scope);
    if (!profile) throw FORBIDDEN();
    profileId = profile.id;
  }
  existingInScope(req, reference);
  return { value, reference, profileId };
}

/**
 * Step 17: the write, once the images are resolved. The listing is looked up again, so writes of
 * one reference that overlapped while images downloaded still make one listing.
 */
function commit(req: AuthedRequest, p: Prepared, resolved: ResolvedImages): UpsertOutcome {
  const { store, partner } = req;
  const existing = existingInScope(req, p.reference);
  const id = existing?.id ?? randomUUID();
  const { listing, skippedImages } = store.buildListing(id, p.value, partner.id, p.reference, p.profileId, existing, resolved);
  store.save(listing);
  const warnings: Record<string, unknown> = {};
  if (skippedImages.length) warnings.skippedImages = skippedImages satisfies SkippedImage[];
  if (store.strictFields && p.value.unknownFields.length) warnings.unknownFields = p.value.unknownFields;
  return { listing, created: !existing, warnings: Object.keys(warnings).length ? warnings : undefined };
}

export async function putListing(req: AuthedRequest): Promise<Result> {
  const reference = requireReference(req.params.ref);
  const body = parseJsonBody(req.bodyText);
  if (!isObject(body)) throw new ApiError(400, "INVALID_BODY", "Request body must be a JSON object");
  const prepared = prepare(req, body, reference, true);
  const out = commit(req, prepared, await req.store.resolveImages(prepared.value.images));
  return {
    status: out.created ? 201 : 200,
    items: 1,
    body: {
      data: {
        listingId: out.listing.id,
        externalReference: reference,
        status: out.listing.status,
        created: out.created,
        ...(out.warnings ? { warnings: out.warnings } : {}),
      },
    },
  };
}

/**
 * G-23: items are checked, then written one after another in array order, each on its own. The
 * images of all valid items are downloaded together first (bounded by the downloader), so a bulk
 * of 100 does not wait for 100 rounds of downloads.
 */
export async function bulkUpsert(req: AuthedRequest): Promise<Result> {
  const body = parseJsonBody(req.bodyText);
  let items: unknown[];
  if (Array.isArray(body)) items = body;
  else if (isObject(body)) {
    if (!Array.isArray(body.items)) throw new ApiError(400, "EMPTY_PAYLOAD", "No items provided");
    items = body.items;
  } else throw new ApiError(400, "INVALID_BODY", "Request body must be an array or an object with items");
  if (items.length === 0) throw new ApiError(400, "EMPTY_PAYLOAD", "No items provided");
  if (items.length > 100) throw new ApiError(400, "TOO_MANY_ITEMS", "More than 100 items");

  const failed = (index: number, reference: string | null, err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    return { index, externalReference: reference, code: err.code, message: err.message, ...(err.extra.issues ? { issues: err.extra.issues } : {}) };
  };
  const checked = items.map((item, index) => {
    let reference: string | null = null;
    try {
      if (!isObject(item)) throw new ApiError(400, "INVALID_BODY", "Item must be a JSON object");
      const raw = item.externalReference ?? item.external_reference;
      reference = typeof raw === "string" ? raw.trim() : null;
      if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
        throw new ApiError(400, "INVALID_REFERENCE", "External reference is required");
      }
      if (typeof raw !== "string") throw validationError([{ path: "externalReference", code: "invalid_type", message: `Expected string, received ${typeof raw}` }]);
      return { index, reference, prepared: prepare(req, item, raw.trim(), false) };
    } catch (err) {
      return { index, reference, error: failed(index, reference, err) };
    }
  });
  const images = await Promise.all(checked.map((c) => (c.prepared ? req.store.resolveImages(c.prepared.value.images) : null)));

  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const [i, c] of checked.entries()) {
    if (!c.prepared) {
      errors.push(c.error);
      continue;
    }
    try {
      const out = commit(req, c.prepared, images[i]!);
      results.push({
        index: c.index,
        externalReference: out.listing.externalReference,
        listingId: out.listing.id,
        status: out.listing.status,
        created: out.created,
        ...(out.warnings ? { warnings: out.warnings } : {}),
      });
    } catch (err) {
      errors.push(failed(c.index, c.reference, err));
    }
  }
  return { status: 200, items: items.length, body: { data: { successCount: results.length, errorCount: errors.length, results, errors } } };
}

/** Lookup by (partner, reference), then the scope check (DELETE and status endpoints). */
function ownListing(req: AuthedRequest, reference: string): StoredListing {
  if (reference.length > 64) throw NOT_FOUND();
  const listing = req.store.findByReference(req.partner.id, reference);
  if (!listing) throw NOT_FOUND();
  if (!req.store.scope(req.key).has(listing.dealerProfileId)) throw FORBIDDEN();
  return listing;
}

export function deleteListing(req: AuthedRequest): Result {
  const reference = requireReference(req.params.ref);
  const listing = ownListing(req, reference);
  if (listing.status !== "sold") {
    const now = req.store.clock.now();
    listing.status = "sold";
    listing.soldAt = now;
    listing.updatedAt = now;
  }
  return { status: 200, body: { data: { listingId: listing.id, externalReference: listing.externalReference, status: "sold" } } };
}

export function getStatus(req: AuthedRequest): Result {
  const reference = requireReference(req.params.ref);
  const l = ownListing(req, reference);
  return { status: 200, body: { data: { listingId: l.id, externalReference: l.externalReference, status: l.status, updatedAt: new Date(l.updatedAt).toISOString() } } };
}

export function postStatus(req: AuthedRequest): Result {
  const reference = requireReference(req.params.ref);
  const body = parseJsonBody(req.bodyText);
  if (!isObject(body)) throw new ApiError(400, "INVALID_BODY", "Request body must be a JSON object");
  const status = body.status;
  if (status === undefined || status === null) throw validationError([{ path: "status", code: "invalid_type", message: "Required" }]);
  if (typeof status !== "string" || !(STATUSES as readonly string[]).includes(status)) {
    throw validationError([{ path: "status", code: "invalid_enum_value", message: `Invalid enum value. Expected 'active' | 'pending' | 'sold' | 'draft', received '${String(status)}'` }]);
  }
  const l = ownListing(req, reference);
  const target = status as OkasieStatus;
  const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";
  if ((target === "active" || target === "pending") && l.fields.price === null) throw new ApiError(400, "INVALID_PRICE", "Price required for active listings");
  if (target === "active" && (blank(l.fields.postalCode) || blank(l.fields.city) || blank(l.fields.province))) {
    throw new ApiError(400, "INVALID_LOCATION", "postalCode, city, and province required");
  }
  if (l.status !== target) {
    const now = req.store.clock.now();
    l.status = target;
    l.soldAt = target === "sold" ? now : null;
    l.updatedAt = now;
  }
  return { status: 200, body: { data: { listingId: l.id, externalReference: l.externalReference, status: l.status } } };
}

// ---- reads ------------------------------------------------------------------------------------

function partnerMeta(req: AuthedRequest) {
  const { store, key, partner } = req;
  return {
    id: partner.id,
    name: partner.name,
    access: { scope: key.access.scope, rootProfileIds: store.roots(key), profileIds: [...store.scope(key)] },
  };
}

interface ListQuery {
  page: number;
  pageSize: number;
  status: string;
  updatedSince: number | null;
  updatedSinceRaw: string | null;
}

function readListQuery(query: URLSearchParams, issues: Issue[]): ListQuery {
  const page = parseIntStrict(param(query, ["page", "page_number"]));
  const size = parseIntStrict(param(query, ["pageSize", "page_size", "limit"]));
  const status = param(query, ["status"]) ?? "active";
  if (status !== "all" && !(STATUSES as readonly string[]).includes(status)) {
    issues.push({ path: "status", code: "invalid_enum_value", message: `Invalid enum value. Expected 'active' | 'pending' | 'sold' | 'draft' | 'all', received '${status}'` });
  }
  const sinceRaw = param(query, ["updatedSince", "updated_since"]);
  let updatedSince: number | null = null;
  if (sinceRaw !== null) {
    updatedSince = parseIsoDate(sinceRaw);
    if (updatedSince === null) issues.push({ path: "updatedSince", code: "invalid_string", message: "Invalid ISO 8601 datetime" });
  }
  return {
    page: page !== null && page >= 1 ? page : 1,
    pageSize: size === null || size < 1 ? 50 : Math.min(size, 200),
    status,
    updatedSince,
    updatedSinceRaw: sinceRaw,
  };
}

function pageOf(req: AuthedRequest, q: ListQuery, profiles: Set<string>, meta: Record<string, unknown>): Result {
  const matching = [...req.store.listings.values()]
    .filter((l) => profiles.has(l.dealerProfileId))
    .filter((l) => q.status === "all" || l.status === q.status)
    .filter((l) => q.updatedSince === null || l.updatedAt >= q.updatedSince)
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start = (q.page - 1) * q.pageSize;
  return {
    status: 200,
    body: {
      data: matching.slice(start, start + q.pageSize).map((l) => listingJson(req.store, l)),
      pagination: { page: q.page, pageSize: q.pageSize, totalItems: matching.length, totalPages: Math.ceil(matching.length / q.pageSize) },
      meta,
    },
  };
}

export function listListings(req: AuthedRequest): Result {
  const { store, key, query } = req;
  const issues: Issue[] = [];
  const q = readListQuery(query, issues);
  const dealerId = param(query, ["dealerId", "locationId", "profileId", "userId"]);
  const parentDealerId = param(query, ["parentDealerId", "parentId", "companyId"]);
  const locationCode = param(query, ["locationCode", "location_code"]);
  if (dealerId !== null && !UUID_RE.test(dealerId)) issues.push({ path: "dealerId", code: "invalid_string", message: "Invalid uuid" });
  if (parentDealerId !== null && !UUID_RE.test(parentDealerId)) issues.push({ path: "parentDealerId", code: "invalid_string", message: "Invalid uuid" });
  if (issues.length) throw validationError(issues);

  const scope = store.scope(key);
  let profiles = new Set(scope);
  const narrow = (allowed: Set<string>) => (profiles = new Set([...profiles].filter((p) => allowed.has(p))));
  if (dealerId !== null) {
    if (!scope.has(dealerId)) throw FORBIDDEN();
    narrow(new Set([dealerId]));
  }
  if (parentDealerId !== null) {
    if (!scope.has(parentDealerId)) throw FORBIDDEN();
    narrow(new Set([parentDealerId, ...store.descendants(parentDealerId)]));
  }
  if (locationCode !== null) {
    const p = store.profileByCode(locationCode, scope);
    if (!p) throw FORBIDDEN();
    narrow(new Set([p.id]));
  }
  return pageOf(req, q, profiles, {
    partner: partnerMeta(req),
    filters: { status: q.status, updatedSince: q.updatedSinceRaw, dealerId, parentDealerId, locationCode },
  });
}

export function locationListings(req: AuthedRequest): Result {
  const { store, key, query, params } = req;
  const issues: Issue[] = [];
  if (!UUID_RE.test(params.id ?? "")) issues.push({ path: "id", code: "invalid_string", message: "Invalid uuid" });
  const q = readListQuery(query, issues);
  const includeChildren = parseBool(query.get("includeChildren"), false, "includeChildren", issues);
  if (issues.length) throw validationError(issues);
  const scope = store.scope(key);
  if (!scope.has(params.id) || !store.profiles.has(params.id)) throw FORBIDDEN();
  const profiles = new Set([params.id, ...(includeChildren ? store.descendants(params.id) : [])]);
  return pageOf(req, q, profiles, {
    partner: partnerMeta(req),
    filters: { status: q.status, updatedSince: q.updatedSinceRaw, locationId: params.id, includeChildren },
  });
}

export function listLocations(req: AuthedRequest): Result {
  const { store, key, query } = req;
  const issues: Issue[] = [];
  const parentId = param(query, ["parentId", "parent_id"]);
  const includeChildren = parseBool(query.get("includeChildren"), true, "includeChildren", issues);
  const withCounts = parseBool(query.get("withCounts"), true, "withCounts", issues);
  const search = param(query, ["search", "q"]);
  if (parentId !== null && !UUID_RE.test(parentId)) issues.push({ path: "parentId", code: "invalid_string", message: "Invalid uuid" });
  if (issues.length) throw validationError(issues);

  const scope = store.scope(key);
  const roots = store.roots(key);
  const byName = (a: { companyName: string }, b: { companyName: string }) => a.companyName.localeCompare(b.companyName);
  let top: string[];
  let below: string[];
  if (parentId !== null) {
    if (!scope.has(parentId)) throw FORBIDDEN();
    top = store.children(parentId).map((p) => p.id);
    below = includeChildren ? top.flatMap((id) => store.descendants(id)) : [];
  } else {
    top = roots;
    below = includeChildren ? roots.flatMap((id) => store.descendants(id)) : [];
  }
  const needle = search?.trim().toLowerCase() || null;
  const matches = (id: string) => {
    const p = store.profiles.get(id)!;
    if (!needle) return true;
    return [p.companyName, p.fullName, p.displayName, p.city, p.province, p.locationCode].some((v) => v?.toLowerCase().includes(needle));
  };
  const rootSet = new Set(roots);
  const pick = (ids: string[]) => [...new Set(ids)].filter((id) => scope.has(id) && matches(id)).map((id) => store.profiles.get(id)!).sort(byName);
  const profiles = [...pick(top), ...pick(below.filter((id) => !top.includes(id)))];
  const data = profiles.map((p) => locationJson(store, p, rootSet, withCounts));
  return {
    status: 200,
    body: {
      data,
      meta: {
        total: data.length,
        profileIds: profiles.map((p) => p.id),
        rootProfileIds: roots,
        filters: { parentId, search: needle === null ? null : search },
        partner: { id: req.partner.id, name: req.partner.name },
      },
    },
  };
}
