/**
 * One in-memory store per simulator instance: partners, keys, the dealer-profile tree, listings,
 * and the simulator clock. Everything an HTTP handler needs to decide and to answer.
 */
import { createHash, randomUUID } from "node:crypto";
import type { ImageFetcher } from "../shared/image-fetch";
import type { ApiKey, DealerProfile, Partner, StoredImage, StoredListing } from "./types";
import type { NormalizedListing, RawImage } from "./validation";
import { normalizeListing, applyDefaults } from "./validation";
import type { SeedData } from "./seed";

export interface SkippedImage {
  index: number;
  url: string;
  reason: "INVALID_URL" | "DUPLICATE" | "LIMIT_EXCEEDED" | "DOWNLOAD_FAILED";
}

export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  constructor(private readonly base: () => number = Date.now) {}
  now(): number {
    return this.frozenAt ?? this.base() + this.offsetMs;
  }
  freeze(at?: number): void {
    this.frozenAt = at ?? this.now();
  }
  unfreeze(): void {
    if (this.frozenAt !== null) this.offsetMs = this.frozenAt - this.base();
    this.frozenAt = null;
  }
  set(at: number): void {
    if (this.frozenAt !== null) this.frozenAt = at;
    else this.offsetMs = at - this.base();
  }
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
  get frozen(): boolean {
    return this.frozenAt !== null;
  }
}

const slugify = (title: string) =>
  title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "listing";

export class OkasieStore {
  partners = new Map<string, Partner>();
  keys = new Map<string, ApiKey>();
  profiles = new Map<string, DealerProfile>();
  listings = new Map<string, StoredListing>();
  /** `${partnerId}\u0000${reference}` → listing id. */
  private byReference = new Map<string, string>();
  strictFields = false;
  publicBaseUrl = "";
  /**
   * Source URLs already downloaded and mirrored. Okasie caches by URL ("original URLs are
   * cached for later updates"; new bytes need a cache-busting query), so a URL sent again is not
   * downloaded again. Failed downloads are not cached: the next write tries again.
   */
  readonly mirrored = new Set<string>();

  constructor(readonly clock: Clock, readonly images?: ImageFetcher) {
    this.resetConfig();
  }

  /** The /__sim/config settings of the store back to their defaults (on /__sim/reset too). */
  resetConfig(): void {
    this.strictFields = process.env.OKASIE_SIM_STRICT_FIELDS === "1";
    this.publicBaseUrl = process.env.OKASIE_SIM_PUBLIC_BASE_URL ?? "https://sandbox.okasie.invalid";
  }

  wipe(): void {
    this.partners.clear();
    this.keys.clear();
    this.profiles.clear();
    this.listings.clear();
    this.byReference.clear();
    this.mirrored.clear();
  }

  /** G-18 for one write: which images are kept (downloading the ones the sandbox reaches). */
  async resolveImages(raw: RawImage[]): Promise<ResolvedImages> {
    return resolveImages(raw, this.images, this.mirrored);
  }

  /** Adds (or replaces by id/secret) everything in `seed`. */
  load(seed: SeedData): void {
    for (const p of seed.partners ?? []) this.partners.set(p.id, { id: p.id, name: p.name });
    for (const k of seed.keys ?? []) this.keys.set(k.secret, structuredClone(k));
    for (const p of seed.profiles ?? []) {
      const updatedAt = typeof p.updatedAt === "string" ? Date.parse(p.updatedAt) : (p.updatedAt ?? this.clock.now());
      this.profiles.set(p.id, {
        parentId: null, fullName: p.companyName, displayName: p.companyName, email: null, phone: null, address: null,
        postalCode: null, city: null, province: null, logoUrl: null, metadata: {}, avgActivePrevMonth: null,
        ...p, updatedAt,
      } as DealerProfile);
    }
    for (const l of seed.listings ?? []) {
      const { value } = normalizeListing(l as Record<string, unknown>, new Date(this.clock.now()).getUTCFullYear());
      applyDefaults(value);
      value.fields.dealerProfileId = l.dealerProfileId;
      const id = l.id ?? randomUUID();
      const listing = this.buildListing(id, value, l.partnerId ?? null, l.externalReference ?? null, l.dealerProfileId, null);
      listing.listing.createdAt = l.createdAt ? Date.parse(l.createdAt) : this.clock.now();
      listing.listing.updatedAt = l.updatedAt ? Date.parse(l.updatedAt) : listing.listing.createdAt;
      if (listing.listing.status === "sold") listing.listing.soldAt = listing.listing.updatedAt;
      this.save(listing.listing);
    }
  }

  // ---- access scope --------------------------------------------------------------------------

  children(id: string): DealerProfile[] {
    return [...this.profiles.values()].filter((p) => p.parentId === id);
  }

  descendants(id: string): string[] {
    const out: string[] = [];
    const walk = (pid: string) => {
      for (const c of this.children(pid)) {
        out.push(c.id);
        walk(c.id);
      }
    };
    walk(id);
    return out;
  }

  /** Root profiles of a key: its assigned roots, or every top-level profile for global access. */
  roots(key: ApiKey): string[] {
    if (key.access.scope === "global") return [...this.profiles.values()].filter((p) => !p.parentId).map((p) => p.id);
    return key.access.rootProfileIds.filter((id) => this.profiles.has(id));
  }

  /** Every profile a key may touch: its roots plus their children (§1.3). */
  scope(key: ApiKey): Set<string> {
    if (key.access.scope === "global") return new Set(this.profiles.keys());
    const out = new Set<string>();
    for (const r of this.roots(key)) {
      out.add(r);
      for (const d of this.descendants(r)) out.add(d);
    }
    return out;
  }

  profileByCode(code: string, scope: Set<string>): DealerProfile | undefined {
    const wanted = code.trim().toLowerCase();
    return [...this.profiles.values()].find((p) => scope.has(p.id) && p.locationCode.toLowerCase() === wanted);
  }

  // ---- listings ------------------------------------------------------------------------------

  findByReference(partnerId: string, reference: string): StoredListing | undefined {
    const id = this.byReference.get(`${partnerId}\u0000${reference}`);
    return id ? this.listings.get(id) : undefined;
  }

  save(listing: StoredListing): void {
    this.listings.set(listing.id, listing);
    if (listing.partnerId && listing.externalReference) {
      this.byReference.set(`${listing.partnerId}\u0000${listing.externalReference}`, listing.id);
    }
  }

  /**
   * Builds the stored form of a validated, defaulted body (full replacement, G-17). `resolved`
   * are the body's images after G-18 (seeds pass none: their images count as mirrored already).
   */
  buildListing(
    id: string,
    n: NormalizedListing,
    partnerId: string | null,
    reference: string | null,
    dealerProfileId: string,
    existing: StoredListing | null,
    resolved: ResolvedImages = resolveImagesByUrl(n.images),
  ): { listing: StoredListing; skippedImages: SkippedImage[] } {
    const now = this.clock.now();
    const images = mirror(id, resolved.kept);
    const skipped = resolved.skipped;
    const title = String(n.fields.title ?? "");
    const fields = { ...n.fields };
    delete fields.dealerProfileId;
    delete fields.dealerLocationCode;
    delete fields.status;
    const status = n.status ?? "draft";
    let soldAt = existing?.soldAt ?? null;
    if (status === "sold") soldAt ??= now;
    else soldAt = null;
    return {
      listing: {
        id,
        slug: existing?.slug ?? `${slugify(title)}-${id.slice(0, 8)}`,
        partnerId,
        externalReference: reference,
        dealerProfileId,
        status,
        fields,
        conditionTags: n.conditionTags,
        features: n.features,
        images,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        soldAt,
      },
      skippedImages: skipped,
    };
  }
}

const MAX_IMAGES = 50;
/** Bound the URL cache; past this it starts again (a cache miss only costs a download). */
const MIRROR_CACHE_LIMIT = 10_000;

export interface ResolvedImages {
  /** In display order; mirrored with the listing id once it is known. */
  kept: RawImage[];
  skipped: SkippedImage[];
}

interface Candidate {
  img: RawImage;
  /** null: decided (ok or DOWNLOAD_FAILED) from the URL alone; else the simulator downloads it. */
  download: boolean;
}

/**
 * Image rules of G-18: order by position; skip non-http(s) URLs, duplicates and everything past
 * the 50th kept image; download what the sandbox reaches (not reachable, not 2xx or not an image
 * by its bytes → DOWNLOAD_FAILED); decide other hosts from the URL (`.invalid` host or
 * `sim_fail=1` → DOWNLOAD_FAILED). Candidates are downloaded only as far as the 50 slots need.
 */
export async function resolveImages(raw: RawImage[], fetcher: ImageFetcher | undefined, mirrored: Set<string>): Promise<ResolvedImages> {
  const { candidates, skipped } = screen(raw, fetcher);
  const kept: RawImage[] = [];
  let next = 0;
  while (next < candidates.length && kept.length < MAX_IMAGES) {
    const batch = candidates.slice(next, next + (MAX_IMAGES - kept.length));
    next += batch.length;
    const outcomes = await Promise.all(batch.map(async (c) => {
      if (!c.download || mirrored.has(c.img.url)) return urlRuleOk(c.img.url, c.download);
      const outcome = await fetcher!.fetch(c.img.url);
      // Okasie takes JPEG, PNG and WebP (§2.2.3); anything else is not an image it can mirror.
      const ok = outcome.ok && (outcome.format === "jpeg" || outcome.format === "png" || outcome.format === "webp");
      if (ok) {
        if (mirrored.size >= MIRROR_CACHE_LIMIT) mirrored.clear();
        mirrored.add(c.img.url);
      }
      return ok;
    }));
    batch.forEach((c, i) => {
      if (outcomes[i]) kept.push(c.img);
      else skipped.push({ index: c.img.index, url: c.img.url, reason: "DOWNLOAD_FAILED" });
    });
  }
  for (const c of candidates.slice(next)) skipped.push({ index: c.img.index, url: c.img.url, reason: "LIMIT_EXCEEDED" });
  kept.sort((a, b) => a.position - b.position || a.index - b.index);
  skipped.sort((a, b) => a.index - b.index);
  return { kept, skipped };
}

/** The same rules with no download at all (seeded listings). */
export function resolveImagesByUrl(raw: RawImage[]): ResolvedImages {
  const { candidates, skipped } = screen(raw, undefined);
  const kept: RawImage[] = [];
  for (const c of candidates) {
    if (kept.length >= MAX_IMAGES) skipped.push({ index: c.img.index, url: c.img.url, reason: "LIMIT_EXCEEDED" });
    else if (urlRuleOk(c.img.url, false)) kept.push(c.img);
    else skipped.push({ index: c.img.index, url: c.img.url, reason: "DOWNLOAD_FAILED" });
  }
  skipped.sort((a, b) => a.index - b.index);
  return { kept, skipped };
}

function screen(raw: RawImage[], fetcher: ImageFetcher | undefined): { candidates: Candidate[]; skipped: SkippedImage[] } {
  const sorted = [...raw].sort((a, b) => a.position - b.position || a.index - b.index);
  const skipped: SkippedImage[] = [];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const img of sorted) {
    let url: URL | null = null;
    try {
      url = new URL(img.url);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      skipped.push({ index: img.index, url: img.url, reason: "INVALID_URL" });
    } else if (seen.has(img.url)) {
      skipped.push({ index: img.index, url: img.url, reason: "DUPLICATE" });
    } else {
      seen.add(img.url);
      candidates.push({ img, download: fetcher?.reaches(img.url) ?? false });
    }
  }
  return { candidates, skipped };
}

/** For hosts the sandbox does not reach; a downloaded (cached) URL is fine. */
function urlRuleOk(source: string, cached: boolean): boolean {
  if (cached) return true;
  const url = new URL(source);
  return !(url.hostname.endsWith(".invalid") || url.searchParams.get("sim_fail") === "1");
}

/** Mirrored URL: deterministic per source URL, like Okasie's URL-keyed cache. */
function mirror(listingId: string, kept: RawImage[]): StoredImage[] {
  return kept.map((img, position) => ({
    url: `https://cdn.okasie.invalid/images/${listingId.slice(0, 8)}/${createHash("sha1").update(img.url).digest("hex").slice(0, 12)}.jpg`,
    position,
    sourceUrl: img.url,
  }));
}
