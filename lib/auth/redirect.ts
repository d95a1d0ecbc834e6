/**
 * Where to send someone after signing in (or out): a path on this site, never anywhere else.
 * Browsers read `/\evil.example`, `//evil.example` and `/.//evil.example` as other hosts, and
 * strip tabs and newlines before parsing, so checking the first characters is not enough: the
 * value is parsed the way a browser would, against a placeholder origin, and kept only when it
 * stays on that origin and its path cannot be read as protocol-relative.
 */
const PLACEHOLDER = "http://forecourt.invalid";

export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  // Only site-relative references: no scheme (`x:`, `javascript:`), no host (`//`), no backslash tricks.
  const path = value.split(/[?#]/, 1)[0];
  if (!value.startsWith("/") || value.startsWith("//") || path.includes("\\")) return fallback;
  // Control characters (tabs and newlines are silently dropped by URL parsers) are never needed.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  // Dot segments can collapse into `//host` ("/.//evil.example" → "//evil.example").
  if (url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

/** For Auth.js's redirect callback, which hands over absolute URLs on our own origin. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  let target: URL;
  let base: URL;
  try {
    base = new URL(baseUrl);
    target = new URL(url, base);
  } catch {
    return baseUrl;
  }
  if (target.origin !== base.origin) return new URL("/", base).toString();
  const path = safeRedirectPath(target.pathname + target.search + target.hash);
  return new URL(path, base).toString();
}
