/**
 * The list endpoint (blocket.md §2.4) and the paged log (§2.6), with the DRF limit/offset
 * envelope (G-PAGE), `ordering` (G-ORDER) and `fields`/`include`.
 * `source_id__in` and `source_id` use the source index, so a page of 100 ids costs O(100).
 */
import type { Auth } from "./auth";
import type { Resource } from "./ads";
import { renderAd, renderLogEntry } from "./render";
import { fieldErrors, json } from "./respond";
import type { SandboxState } from "./state";
import type { StoredAd } from "./store";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** `YYYY-MM-DD HH:MM:SS` (documented), a date alone, or ISO 8601; all UTC (G-TZ). */
export function parseFilterTime(value: string): number | null {
  const trimmed = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2] ?? "00:00:00"}${m[3] ?? "Z"}`);
  return Number.isNaN(ms) ? null : ms;
}

function paging(query: URLSearchParams): { limit: number | null; offset: number } | Response {
  const rawLimit = query.get("limit");
  const rawOffset = query.get("offset");
  let limit: number | null = null;
  if (rawLimit !== null && rawLimit !== "") {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) === 0) return fieldErrors({ limit: ["A valid integer is required."] });
    limit = Math.min(Number(rawLimit), MAX_LIMIT);
  }
  let offset = 0;
  if (rawOffset !== null && rawOffset !== "") {
    if (!/^\d+$/.test(rawOffset)) return fieldErrors({ offset: ["A valid integer is required."] });
    offset = Number(rawOffset);
  }
  return { limit, offset };
}

/** The DRF limit/offset envelope around one already-sliced page. */
function envelope(url: URL, results: unknown[], total: number, size: number, offset: number): Response {
  const link = (o: number) => {
    const next = new URL(url);
    next.searchParams.set("limit", String(size));
    next.searchParams.set("offset", String(o));
    return next.toString();
  };
  return json({
    count: total,
    next: offset + size < total ? link(offset + size) : null,
    previous: offset > 0 ? link(Math.max(0, offset - size)) : null,
    results,
  });
}

const csv = (value: string | null) => (value ?? "").split(",").map((v) => v.trim()).filter(Boolean);

type Predicate = (ad: StoredAd) => boolean;

export function listAds(state: SandboxState, auth: Auth, resource: Resource, url: URL): Response {
  const q = url.searchParams;
  const p = paging(q);
  if (p instanceof Response) return p;

  let dealers = auth.dealerCodes;
  const dealerFilter = q.get("dealer_code");
  if (dealerFilter) dealers = dealers.filter((d) => d === dealerFilter);

  let candidates: StoredAd[];
  if (q.has("source_id__in")) {
    const ids = [...new Set(csv(q.get("source_id__in")))];
    candidates = ids.flatMap((id) => state.store.findBySource(id, dealers));
  } else if (q.get("source_id")) {
    candidates = state.store.findBySource(q.get("source_id")!, dealers);
  } else {
    candidates = state.store.allFor(dealers);
  }

  const filters: Predicate[] = [];
  const errors: Record<string, string[]> = {};
  if (resource.typed) filters.push((ad) => ad.categoryId === resource.typed!.id);
  const eq = (param: string, pick: (ad: StoredAd) => unknown, normalise = (v: string) => v) => {
    const value = q.get(param);
    if (value !== null && value !== "") filters.push((ad) => String(pick(ad) ?? "") === normalise(value));
  };
  const state_ = q.get("state");
  if (state_ !== null && state_ !== "") {
    if (state_ !== "created" && state_ !== "deleted") errors.state = [`Select a valid choice. ${state_} is not one of the available choices.`];
    else filters.push((ad) => ad.state === state_);
  }
  eq("id", (ad) => ad.id);
  eq("blocket_ad_id", (ad) => ad.blocketAdId);
  eq("blocket_store_id", (ad) => ad.blocketStoreId);
  eq("category_id", (ad) => ad.categoryId);
  const plate = q.get("registration_number");
  if (plate) filters.push((ad) => String((ad.data.category_fields as Record<string, unknown> | undefined)?.registration_number ?? "").toUpperCase() === plate.toUpperCase());
  for (const [param, pick] of [["category_id__in", (ad: StoredAd) => String(ad.categoryId)], ["blocket_ad_id__in", (ad: StoredAd) => ad.blocketAdId ?? ""]] as const) {
    if (q.has(param)) {
      const set = new Set(csv(q.get(param)));
      filters.push((ad) => set.has(pick(ad)));
    }
  }
  const contains = q.get("source_id__icontains");
  if (contains) filters.push((ad) => ad.sourceId.toLowerCase().includes(contains.toLowerCase()));
  const search = q.get("search");
  if (search) {
    const needle = search.toLowerCase();
    filters.push((ad) => `${ad.data.title ?? ""} ${ad.data.body ?? ""} ${renderAd(ad, { includeLog: false, fields: ["title"] }).title ?? ""}`.toLowerCase().includes(needle));
  }
  for (const field of ["created", "updated"] as const) {
    for (const op of ["gt", "gte", "lt", "lte"] as const) {
      const param = `${field}__${op}`;
      const raw = q.get(param);
      if (raw === null || raw === "") continue;
      const at = parseFilterTime(raw);
      if (at === null) {
        errors[param] = ["Enter a valid date/time."];
        continue;
      }
      filters.push((ad) => {
        const v = ad[field];
        return op === "gt" ? v > at : op === "gte" ? v >= at : op === "lt" ? v < at : v <= at;
      });
    }
  }
  if (Object.keys(errors).length > 0) return fieldErrors(errors);

  const matched = candidates.filter((ad) => filters.every((f) => f(ad)));
  const ordering = q.get("ordering") ?? "-created";
  const key = ordering.replace(/^-/, "");
  const dir = ordering.startsWith("-") ? -1 : 1;
  if (["created", "updated", "source_id"].includes(key)) {
    const pick = (ad: StoredAd) => (key === "source_id" ? ad.sourceId : ad[key as "created" | "updated"]);
    matched.sort((a, b) => {
      const x = pick(a), y = pick(b);
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * dir;
    });
  } else {
    matched.sort((a, b) => (b.created - a.created) || (a.id < b.id ? -1 : 1));
  }
  const include = csv(q.get("include"));
  const fields = csv(q.get("fields"));
  const rendered = (ads: StoredAd[]) => ads.map((ad) => renderAd(ad, { includeLog: include.includes("log"), fields: fields.length ? [...fields, ...(include.includes("log") ? ["log"] : [])] : null }));
  // Render only the requested page: a list of thousands of ads must not render them all.
  const { limit, offset } = p;
  if (limit === null && state.config.listShape === "bare-when-no-limit") return json(rendered(matched.slice(offset)));
  const size = limit ?? DEFAULT_LIMIT;
  return envelope(url, rendered(matched.slice(offset, offset + size)), matched.length, size, offset);
}

export function adLog(state: SandboxState, ad: StoredAd, url: URL): Response {
  const q = url.searchParams;
  const p = paging(q);
  if (p instanceof Response) return p;
  const action = q.get("action");
  const entryState = q.get("state");
  const requestId = q.get("request_id");
  const actions = ["create", "update", "bump", "boost", "delete", "handle_media", "publish", "unpublish"];
  if (action && !actions.includes(action)) return fieldErrors({ action: [`Select a valid choice. ${action} is not one of the available choices.`] });
  if (entryState && !["processing", "done", "error"].includes(entryState)) return fieldErrors({ state: [`Select a valid choice. ${entryState} is not one of the available choices.`] });
  let entries = ad.log.filter((e) => (!action || e.action === action) && (!entryState || e.state === entryState) && (!requestId || e.requestId === requestId));
  if (q.get("ordering") === "-created") entries = [...entries].reverse();
  const size = p.limit ?? DEFAULT_LIMIT;
  return envelope(url, entries.slice(p.offset, p.offset + size).map(renderLogEntry), entries.length, size, p.offset);
}
