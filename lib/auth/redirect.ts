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

const CALLBACK_COOKIE = /^(__Secure-)?authjs\.callback-url$/;

/**
 * For requests to the Auth.js endpoints: a hostile `callbackUrl` (query parameter or Auth.js's
 * callback-url cookie) becomes a same-origin path before Auth.js sees it. Auth.js would refuse it
 * with a 500 "server configuration" error and log the value; here it simply goes nowhere else.
 */
export function withSafeCallbackUrl(request: Request): Request {
  const url = new URL(request.url);
  let changed = false;
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null) {
    const safe = safeRedirectPath(callbackUrl.startsWith(url.origin) ? callbackUrl.slice(url.origin.length) || "/" : callbackUrl);
    if (safe !== callbackUrl) {
      url.searchParams.set("callbackUrl", safe);
      changed = true;
    }
  }
  const headers = new Headers(request.headers);
  const cookie = headers.get("cookie");
  if (cookie) {
    const kept = cookie.split(/;\s*/).filter((pair) => {
      const [name, ...rest] = pair.split("=");
      if (!CALLBACK_COOKIE.test(name.trim())) return true;
      let value = rest.join("=");
      try {
        value = decodeURIComponent(value);
      } catch {
        return false;
      }
      const path = value.startsWith(url.origin) ? value.slice(url.origin.length) || "/" : value;
      return safeRedirectPath(path, "") !== "";
    });
    if (kept.length !== cookie.split(/;\s*/).length) {
      headers.set("cookie", kept.join("; "));
      changed = true;
    }
  }
  if (!changed) return request;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(url, { method: request.method, headers, body: hasBody ? request.body : undefined, ...(hasBody ? { duplex: "half" } : {}) } as RequestInit);
}
