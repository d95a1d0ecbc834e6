/**
 * Photo URLs, without any settings: recognising our own photo URLs (whatever host they were
 * issued under), the thumbnail of a photo URL, and whether a URL can be fetched by a marketplace.
 * Client-safe: the grid and editor use `thumbnailUrlOf` directly on a listing's image URLs.
 */
import { DEALER_DIR, photoFileName, type ThumbnailName } from "@/lib/photos/variants";

const MASTER_PATH = /\/([A-Za-z0-9_-]{1,64})\/([0-9a-f]{64})\.jpg$/;

/** `{dealerId, sha256}` when this is the URL of one of our masters, else null (e.g. a dealer's own CDN). */
export function parsePhotoUrl(url: string): { dealerId: string; sha256: string } | null {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.search || parsed.hash) return null;
    pathname = parsed.pathname;
  } catch {
    return null;
  }
  const match = MASTER_PATH.exec(pathname);
  return match && DEALER_DIR.test(match[1]) ? { dealerId: match[1], sha256: match[2] } : null;
}

/**
 * The URL of a thumbnail of one of our photos (same host and path, thumbnail file name), or null
 * for an image we do not host: the caller shows that URL itself or a placeholder.
 */
export function thumbnailUrlOf(url: string, name: ThumbnailName): string | null {
  const photo = parsePhotoUrl(url);
  if (!photo) return null;
  return url.replace(/[0-9a-f]{64}\.jpg$/, photoFileName(photo.sha256, name));
}

export type Reachability = { public: true } | { public: false; reason: "invalid_url" | "not_http" | "loopback" | "private_network" | "local_name" };

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".test", ".example", ".invalid"];

function ipv4Private(host: string): Reachability | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a === 127) return { public: false, reason: "loopback" };
  const isPrivate =
    a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
    (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  return isPrivate ? { public: false, reason: "private_network" } : { public: true };
}

function ipv6Private(host: string): Reachability | null {
  if (!host.startsWith("[")) return null;
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === "::1" || ip === "::") return { public: false, reason: "loopback" };
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return ipv4Private(mapped[1]);
  // The URL parser writes mapped IPv4 in hex (::ffff:7f00:1): decode it back.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mappedHex) {
    const [hi, lo] = [parseInt(mappedHex[1], 16), parseInt(mappedHex[2], 16)];
    return ipv4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (/^f[cd]/.test(ip) || /^fe[89ab]/.test(ip)) return { public: false, reason: "private_network" };
  return { public: true };
}

/**
 * Whether a marketplace on the internet could download this URL, judged from the URL alone (no
 * DNS look-up, no request): localhost, loopback and private addresses, and single-label or
 * reserved local names are not public.
 */
export function publicReachability(url: string): Reachability {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { public: false, reason: "invalid_url" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { public: false, reason: "not_http" };
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  const byAddress = ipv4Private(host) ?? ipv6Private(host);
  if (byAddress) return byAddress;
  if (host === "localhost") return { public: false, reason: "loopback" };
  if (!host.includes(".") || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return { public: false, reason: "local_name" };
  return { public: true };
}
