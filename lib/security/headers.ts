/**
 * Security headers. The Content-Security-Policy carries a fresh nonce per request (proxy.ts sets
 * it on the request, where Next.js picks it up for its own scripts, and on the response); the
 * static headers apply to every response, static files included (next.config.ts).
 *
 * - Scripts: only this request's nonce, plus what those scripts load ('strict-dynamic'). No
 *   'unsafe-eval' outside development (React's dev build needs it for its error overlays).
 * - Styles: files from this site; inline style *attributes* are allowed (progress bars and the
 *   health chart set widths and colours that way), inline <style> elements only in development.
 * - Never framed (frame-ancestors 'none'), no plugins, no <base> tricks, forms post only here.
 */
export const NONCE_HEADER = "x-nonce";

export function contentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    // Car photos may be served from a storage host (S3-compatible), so any https image is allowed.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
  };
  return Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Headers for every response (pages, API, static files). HSTS only in production. */
export function staticSecurityHeaders({ production }: { production: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
