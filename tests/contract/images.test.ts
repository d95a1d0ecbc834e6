/**
 * Conformance, both sandboxes, the same checks: images are downloaded and mirrored as the real
 * marketplaces do (okasie.md §2.2.3 [DOC] and G-18; blocket.md §2.2.6 [DOC] and G-MEDIA). URLs on
 * the loopback range and on configured hosts are really fetched, bounded; other hosts keep the
 * URL-based rules. A broken photo URL gives Okasie's documented warning and a failed Blocket
 * `handle_media` action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageFetchOptions } from "@/sandbox/shared/image-fetch";
import { ImageFetcher, isLoopbackHost, parseHostList } from "@/sandbox/shared/image-fetch";
import { blocketCar, clause, deadUrl, okasieCar, startBlocket, startImageServer, startOkasie, type ImageServer } from "./harness";

interface Pushed {
  status: number;
  /** Source URLs the marketplace kept, in order. */
  kept: string[];
  failed: { url: string; reason: string }[];
  /** What the marketplace shows instead of our URLs. */
  mirroredUrls: string[];
  published: boolean;
}

interface Target {
  name: "okasie" | "blocket";
  ref: string;
  /** What the marketplace takes by format (bytes). */
  accepts: { jpeg: boolean; png: boolean; webp: boolean; gif: boolean };
  brokenReason: string;
  notImageReason: string;
  unsupportedReason: string;
  /** A URL on a host the sandbox does not reach, which its URL rules fail. */
  failingByUrlRule: string;
  start(imageFetch?: ImageFetchOptions): Promise<{ push(urls: string[], extra?: Record<string, unknown>): Promise<Pushed>; downloads(): Promise<number>; close(): Promise<void> }>;
}

let counter = 0;
const TARGETS: Target[] = [
  {
    name: "okasie",
    ref: "okasie.md §2.2.3 [DOC], G-18",
    accepts: { jpeg: true, png: true, webp: true, gif: false },
    brokenReason: "DOWNLOAD_FAILED",
    notImageReason: "DOWNLOAD_FAILED",
    unsupportedReason: "DOWNLOAD_FAILED",
    failingByUrlRule: "https://photos.invalid/a.jpg",
    async start(imageFetch) {
      const o = await startOkasie({ imageFetch });
      return {
        async push(urls) {
          const ref = `IMG-${++counter}`;
          const res = await o.api("PUT", `/listings/${ref}`, okasieCar({ images: urls }));
          const stored = await o.stored(ref);
          const listing = await o.listing(ref);
          return {
            status: res.status,
            kept: (stored?.images ?? []).map((i: any) => i.sourceUrl),
            failed: (res.body?.data?.warnings?.skippedImages ?? []).map((w: any) => ({ url: w.url, reason: w.reason })),
            mirroredUrls: (listing?.images ?? []).map((i: any) => i.url),
            published: listing?.status === "active",
          };
        },
        downloads: async () => (await o.control("/state")).imageDownloads,
        close: () => o.close(),
      };
    },
  },
  {
    name: "blocket",
    ref: "blocket.md §2.2.6 [DOC], G-MEDIA",
    accepts: { jpeg: true, png: true, webp: false, gif: false },
    brokenReason: "download failed",
    notImageReason: "unsupported format",
    unsupportedReason: "unsupported format",
    failingByUrlRule: "https://cdn.example.com/fail/a.jpg",
    async start(imageFetch) {
      const b = await startBlocket({ imageFetch });
      return {
        async push(urls, extra = {}) {
          const sid = `img-${++counter}`;
          const res = await b.api("POST", "/v4/car", blocketCar(sid, { image_urls: urls, ...extra }));
          await b.drain();
          const ad = await b.ad(sid);
          const media = (ad.log ?? []).find((e: any) => e.action === "handle_media" && e.state === "error");
          return {
            status: res.status,
            kept: (ad.image_refs ?? []).map((r: any) => r.url),
            failed: media?.external_message?.failed_images ?? [],
            mirroredUrls: (ad.image_refs ?? []).map((r: any) => r.cdn_url),
            published: ad.blocket_ad_id !== null,
          };
        },
        downloads: async () => (await b.control("GET", "/state")).image_downloads,
        close: () => b.close(),
      };
    },
  },
];

let images: ImageServer;
beforeAll(async () => { images = await startImageServer(); });
afterAll(async () => images?.close());

describe.each(TARGETS)("$name sandbox: images", (target) => {
  let sandbox: Awaited<ReturnType<Target["start"]>>;
  beforeAll(async () => { sandbox = await target.start({ timeoutMs: 400, maxBytes: 256 * 1024 }); });
  afterAll(async () => sandbox?.close());

  clause(target.ref, "JPEG and PNG on the loopback range are downloaded and mirrored, in our order", async () => {
    const before = images.hits.get("/ok.png") ?? 0;
    const urls = [images.url("/ok.png"), images.url("/ok.jpg")];
    const out = await sandbox.push(urls);
    expect(out.status).toBeLessThan(300);
    expect(out.failed).toEqual([]);
    expect(out.kept).toEqual(urls);
    expect(images.hits.get("/ok.png")).toBe(before + 1);
    // The marketplace serves its own copy, never our URL.
    for (const mirrored of out.mirroredUrls) expect(urls).not.toContain(mirrored);
    expect(out.published).toBe(true);
  });

  clause(target.ref, "the format is read from the bytes: WebP and GIF as the marketplace takes them", async () => {
    const urls = [images.url("/ok.webp"), images.url("/ok.gif")];
    const out = await sandbox.push(urls);
    expect(out.kept).toEqual(urls.filter((_, i) => (i === 0 ? target.accepts.webp : target.accepts.gif)));
    for (const f of out.failed) expect(f.reason).toBe(target.unsupportedReason);
  });

  clause(target.ref, "a broken photo URL (404, 500, nobody listening) is reported per image and the rest still goes out", async () => {
    const dead = await deadUrl();
    const broken = [images.url("/missing.jpg"), images.url("/error.jpg"), dead];
    const out = await sandbox.push([images.url("/ok.jpg"), ...broken]);
    expect(out.status).toBeLessThan(300); // an image problem never fails the write
    expect(out.kept).toEqual([images.url("/ok.jpg")]);
    expect(out.failed).toEqual(broken.map((url) => ({ url, reason: target.brokenReason })));
    expect(out.published).toBe(true);
  });

  clause(target.ref, "the bytes decide, not the name or the Content-Type header", async () => {
    const out = await sandbox.push([images.url("/text.jpg"), images.url("/octet.jpg")]);
    expect(out.kept).toEqual([images.url("/octet.jpg")]);
    expect(out.failed).toEqual([{ url: images.url("/text.jpg"), reason: target.notImageReason }]);
  });

  clause(target.ref, "downloads are bounded: a slow server fails at the time-out, a huge body at the size cap", async () => {
    const started = Date.now();
    const out = await sandbox.push([images.url("/slow.jpg"), images.url("/huge.jpg")]);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(out.kept).toEqual([]);
    expect(out.failed.map((f) => f.reason)).toEqual([target.brokenReason, target.brokenReason]);
  });

  clause(target.ref, "a redirect is followed on loopback, never to a host the sandbox does not reach", async () => {
    const out = await sandbox.push([images.url("/hop.jpg"), images.url("/away.jpg")]);
    expect(out.kept).toEqual([images.url("/hop.jpg")]);
    expect(out.failed).toEqual([{ url: images.url("/away.jpg"), reason: target.brokenReason }]);
  });

  clause(target.ref, "other hosts are never contacted: the URL-based rules decide", async () => {
    const before = await sandbox.downloads();
    const out = await sandbox.push(["https://photos.example.com/cars/1.jpg", target.failingByUrlRule]);
    expect(out.kept).toEqual(["https://photos.example.com/cars/1.jpg"]);
    expect(out.failed).toEqual([{ url: target.failingByUrlRule, reason: target.brokenReason }]);
    expect(await sandbox.downloads()).toBe(before);
  });
});

describe.each(TARGETS)("$name sandbox: configured image hosts", (target) => {
  let sandbox: Awaited<ReturnType<Target["start"]>>;
  beforeAll(async () => { sandbox = await target.start({ allowedHosts: ["photos.forecourt.test"], timeoutMs: 500 }); });
  afterAll(async () => sandbox?.close());

  clause(target.ref, "a host in SANDBOX_IMAGE_HOSTS is downloaded like loopback (here it does not resolve, so the photo fails)", async () => {
    const before = await sandbox.downloads();
    const out = await sandbox.push(["http://photos.forecourt.test/p/cover.jpg", "https://photos.example.com/cars/2.jpg"]);
    expect(await sandbox.downloads()).toBe(before + 1);
    expect(out.kept).toEqual(["https://photos.example.com/cars/2.jpg"]);
    expect(out.failed).toEqual([{ url: "http://photos.forecourt.test/p/cover.jpg", reason: target.brokenReason }]);
  });
});

describe("okasie sandbox: URL cache", () => {
  clause("okasie.md §2.2.3 [DOC]", "a URL Okasie mirrored already is not downloaded again; a cache-busting query is", async () => {
    images.hits.clear();
    const target = await TARGETS[0].start();
    try {
      await target.push([images.url("/ok.jpg")]);
      await target.push([images.url("/ok.jpg")]);
      expect(images.hits.get("/ok.jpg")).toBe(1);
      const busted = await target.push([images.url("/ok.jpg?v=2")]);
      expect(busted.kept).toEqual([images.url("/ok.jpg?v=2")]);
      expect(images.hits.get("/ok.jpg")).toBe(2);
    } finally {
      await target.close();
    }
  });
});

describe("okasie sandbox: downloads inside writes", () => {
  let o: Awaited<ReturnType<typeof startOkasie>>;
  beforeAll(async () => { o = await startOkasie({ imageFetch: { timeoutMs: 400 } }); });
  afterAll(async () => o?.close());

  clause("okasie.md G-23", "a bulk downloads a photo its items share once, and still writes the items in order", async () => {
    images.hits.clear();
    const shared = images.url("/ok.png");
    const items = Array.from({ length: 5 }, (_, i) => ({ ...okasieCar({ images: [shared, images.url(`/ok.jpg?car=${i}`)] }), externalReference: i === 4 ? "BULK-0" : `BULK-${i}` }));
    const res = await o.api("POST", "/listings/bulk-upsert", { items });
    expect(res.body.data.results.map((r: any) => [r.index, r.externalReference, r.created])).toEqual([
      [0, "BULK-0", true], [1, "BULK-1", true], [2, "BULK-2", true], [3, "BULK-3", true], [4, "BULK-0", false],
    ]);
    expect(images.hits.get("/ok.png")).toBe(1);
    expect((await o.stored("BULK-0")).images.map((i: any) => i.sourceUrl)).toEqual([shared, images.url("/ok.jpg?car=4")]);
  });

  clause("okasie.md G-11, G-43", "two writes of one reference at once, both waiting for photos, make one listing", async () => {
    const body = okasieCar({ images: [images.url("/slow.jpg"), images.url("/ok.jpg")] });
    const [a, b] = await Promise.all([o.api("PUT", "/listings/RACE-1", body), o.api("PUT", "/listings/RACE-1", body)]);
    expect([a.body.data.created, b.body.data.created].sort()).toEqual([false, true]);
    expect(a.body.data.listingId).toBe(b.body.data.listingId);
    const all = (await o.control("/state")).listings.filter((l: any) => l.externalReference === "RACE-1");
    expect(all).toHaveLength(1);
  });
});

describe("blocket sandbox: failed images and publishing", () => {
  clause("blocket.md §2.2.6 [DOC]", "with dont_publish_on_failed_images, a broken photo keeps the ad off the marketplaces", async () => {
    const target = await TARGETS[1].start();
    try {
      const out = await target.push([images.url("/ok.jpg"), images.url("/missing.jpg")], { dont_publish_on_failed_images: true });
      expect(out.failed).toEqual([{ url: images.url("/missing.jpg"), reason: "download failed" }]);
      expect(out.published).toBe(false);
    } finally {
      await target.close();
    }
  });
});

describe("which URLs the sandboxes download", () => {
  it("takes the loopback range and listed hosts (host, host:port or origin), nothing else", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "localhost", "photos.localhost", "[::1]", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["10.0.0.1", "192.168.1.2", "example.com", "localhost.example.com", "0.0.0.0", "169.254.169.254"]) expect(isLoopbackHost(host), host).toBe(false);
    const f = new ImageFetcher({ allowedHosts: parseHostList(" photos.example.com , cdn.test:8443, https://img.example.org ") });
    expect(f.reaches("http://localhost:3000/photos/a.jpg")).toBe(true);
    expect(f.reaches("https://PHOTOS.example.com/a.jpg")).toBe(true);
    expect(f.reaches("https://cdn.test:8443/a.jpg")).toBe(true);
    expect(f.reaches("https://cdn.test/a.jpg")).toBe(false);
    expect(f.reaches("https://img.example.org/a.jpg")).toBe(true);
    expect(f.reaches("https://other.example.com/a.jpg")).toBe(false);
    expect(f.reaches("ftp://127.0.0.1/a.jpg")).toBe(false);
  });
});
