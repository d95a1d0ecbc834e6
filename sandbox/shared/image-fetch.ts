/**
 * Real image downloads for both simulators (okasie.md G-18, blocket.md G-MEDIA). The real
 * marketplaces download every image URL and mirror it; the simulators do the same for URLs on
 * the loopback range and on hosts they are configured to reach (Forecourt's own photo URLs),
 * and leave every other host to the URL-based rules (there is no internet here).
 *
 * A download is bounded so a test can never hang or fill memory: a time-out for the whole
 * transfer, a size cap (the body is read as a stream and cut off), at most a few downloads at
 * once, redirects followed only to hosts that are allowed too, and no credentials or cookies.
 * Whether the bytes are an image is decided by their magic numbers, never by the name or the
 * Content-Type header (a server may call a JPEG "application/octet-stream").
 */
import { createHash } from "node:crypto";
import { isIP } from "node:net";

export type ImageFormat = "jpeg" | "png" | "webp" | "gif" | "bmp" | "tiff";

export type FetchFailure =
  /** Connection refused, DNS failure, reset… */
  | "unreachable"
  /** An answer that is not 2xx (or a redirect we would not follow). */
  | "http_status"
  | "timeout"
  | "too_large"
  /** The bytes are not an image of any known format. */
  | "not_image";

export type FetchOutcome =
  | { ok: true; format: ImageFormat; bytes: number; sha256: string }
  | { ok: false; failure: FetchFailure; detail: string };

export interface ImageFetchOptions {
  /**
   * Hosts fetched besides the loopback range: `host`, `host:port`, or an origin such as
   * `https://photos.example.com`. Compared case-insensitively; no wildcards.
   */
  allowedHosts?: readonly string[];
  /** Whole transfer, connection included (default 5000 ms: a dev server may compile the route first). */
  timeoutMs?: number;
  /** Largest body read (default 20 MB, Okasie's documented per-image maximum). */
  maxBytes?: number;
  /** Downloads at once per simulator (default 6). */
  concurrency?: number;
}

export const DEFAULT_IMAGE_TIMEOUT_MS = 5_000;
export const DEFAULT_IMAGE_MAX_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 3;

/** `SANDBOX_IMAGE_HOSTS="photos.example.com, cdn.test:8443"` → a host list. */
export function parseHostList(value: string | undefined | null): string[] {
  return (value ?? "").split(",").map((h) => h.trim()).filter((h) => h.length > 0);
}

/** 127.0.0.0/8, ::1 (and IPv4-mapped 127.x), `localhost` and `*.localhost` (RFC 6761). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || /^::ffff:127\./.test(host) || host === "0:0:0:0:0:0:0:1";
  return false;
}

function normaliseEntry(entry: string): { host: string; port: string | null } {
  const raw = entry.trim().toLowerCase();
  try {
    const url = new URL(raw.includes("://") ? raw : `http://${raw}`);
    const explicitPort = raw.includes("://") ? url.port || null : /:\d+$/.test(raw) ? url.port || null : null;
    return { host: url.hostname.replace(/^\[|\]$/g, ""), port: explicitPort };
  } catch {
    return { host: raw, port: null };
  }
}

/** Reads the first bytes of a file and names its image format, or null. */
export function sniffImageFormat(head: Uint8Array): ImageFormat | null {
  const b = head;
  const at = (i: number) => b[i];
  if (b.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => at(i) === v)) return "png";
  if (b.length >= 12 && String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP") return "webp";
  if (b.length >= 6 && /^GIF8[79]a$/.test(String.fromCharCode(...b.slice(0, 6)))) return "gif";
  if (b.length >= 2 && at(0) === 0x42 && at(1) === 0x4d) return "bmp";
  if (b.length >= 4 && ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a && at(3) === 0) || (at(0) === 0x4d && at(1) === 0x4d && at(2) === 0 && at(3) === 0x2a))) return "tiff";
  return null;
}

/** A small counting semaphore: at most `limit` downloads run at once. */
class Gate {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

export class ImageFetcher {
  readonly allowedHosts: { host: string; port: string | null }[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
  private readonly gate: Gate;
  /** Downloads under way by URL: a URL asked for again meanwhile shares the same download. */
  private readonly inflight = new Map<string, Promise<FetchOutcome>>();
  /** Downloads started, for tests that prove a host was (or was not) contacted. */
  attempts = 0;

  constructor(options: ImageFetchOptions = {}) {
    this.allowedHosts = (options.allowedHosts ?? []).map(normaliseEntry);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_IMAGE_MAX_BYTES;
    this.gate = new Gate(Math.max(1, options.concurrency ?? 6));
  }

  /** Whether the simulator downloads this URL for real (else the URL-based rules decide). */
  reaches(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
    const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (isLoopbackHost(host)) return true;
    const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
    return this.allowedHosts.some((a) => a.host === host && (a.port === null || a.port === port));
  }

  /** Downloads one image within the bounds; never throws. */
  fetch(url: string): Promise<FetchOutcome> {
    const running = this.inflight.get(url);
    if (running) return running;
    const download = this.gate.run(() => this.download(url)).finally(() => this.inflight.delete(url));
    this.inflight.set(url, download);
    return download;
  }

  private async download(url: string): Promise<FetchOutcome> {
    this.attempts += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    timer.unref?.();
    try {
      let current = url;
      for (let hop = 0; ; hop++) {
        const res = await fetch(current, {
          redirect: "manual",
          credentials: "omit",
          signal: controller.signal,
          headers: { accept: "image/jpeg, image/png, image/webp, image/*;q=0.8", "user-agent": "forecourt-sandbox-image-fetcher" },
        });
        if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
          await res.body?.cancel().catch(() => {});
          const next = new URL(res.headers.get("location")!, current).toString();
          if (hop >= MAX_REDIRECTS) return { ok: false, failure: "http_status", detail: `more than ${MAX_REDIRECTS} redirects` };
          if (!this.reaches(next)) return { ok: false, failure: "http_status", detail: `redirect to a host the sandbox does not reach (${new URL(next).host})` };
          current = next;
          continue;
        }
        if (res.status < 200 || res.status > 299) {
          await res.body?.cancel().catch(() => {});
          return { ok: false, failure: "http_status", detail: `HTTP ${res.status}` };
        }
        const declared = Number(res.headers.get("content-length") ?? "NaN");
        if (Number.isFinite(declared) && declared > this.maxBytes) {
          await res.body?.cancel().catch(() => {});
          return { ok: false, failure: "too_large", detail: `${declared} bytes (limit ${this.maxBytes})` };
        }
        return await this.readBody(res);
      }
    } catch (err) {
      if (controller.signal.aborted) return { ok: false, failure: "timeout", detail: `no complete answer within ${this.timeoutMs} ms` };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, failure: "unreachable", detail: cause?.code ?? cause?.message ?? (err as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Streams the body: stops at the size cap, or as soon as the first bytes are not an image. */
  private async readBody(res: Response): Promise<FetchOutcome> {
    const hash = createHash("sha256");
    const reader = res.body?.getReader();
    if (!reader) return { ok: false, failure: "not_image", detail: "empty body" };
    let total = 0;
    let head = new Uint8Array(0);
    let format: ImageFormat | null = null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, failure: "too_large", detail: `more than ${this.maxBytes} bytes` };
      }
      hash.update(value);
      if (format === null && head.length < 16) {
        const merged = new Uint8Array(head.length + value.byteLength);
        merged.set(head);
        merged.set(value, head.length);
        head = merged.slice(0, 16);
        if (head.length >= 12) {
          format = sniffImageFormat(head);
          if (format === null) {
            await reader.cancel().catch(() => {});
            return { ok: false, failure: "not_image", detail: "the bytes are not an image" };
          }
        }
      }
    }
    format ??= sniffImageFormat(head);
    if (format === null) return { ok: false, failure: "not_image", detail: total === 0 ? "empty body" : "the bytes are not an image" };
    return { ok: true, format, bytes: total, sha256: hash.digest("hex") };
  }
}
