/**
 * What must never reach a log line: secrets by field name (pino's path redaction) and secrets
 * inside free text (messages and error stacks from libraries we do not control).
 */

/** Field names whose values are secrets wherever they appear (matched case-insensitively). */
export const SECRET_KEYS = [
  "token", "accessToken", "refreshToken", "apiKey", "secret", "password", "passwordHash",
  "authorization", "x-auth-token", "cookie", "set-cookie", "tokenCiphertext", "smtpUrl", "databaseUrl",
  "AUTH_SECRET", "VAULT_KEYS", "METRICS_TOKEN", "SMTP_URL", "DATABASE_URL",
] as const;

/**
 * pino redact paths: the keys above at the top level, one level down, and in request/response
 * header bags (the usual places objects are logged). Deeper nesting is caught by `scrubObject`.
 */
export function redactPaths(): string[] {
  const keys = SECRET_KEYS.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`));
  const join = (prefix: string, k: string) => (k.startsWith("[") ? `${prefix}${k}` : `${prefix}.${k}`);
  return [
    ...keys,
    ...keys.map((k) => join("*", k)),
    ...keys.map((k) => join("headers", k)),
    ...keys.map((k) => join("*.headers", k)),
  ];
}

const PATTERNS: [RegExp, string][] = [
  // Authorization: Bearer abc / X-Auth-Token: abc / Cookie: a=b (header lines in text)
  [/\b(authorization|x-auth-token|cookie|set-cookie)(["']?\s*[:=]\s*["']?)([^\s"',;]+(?:\s+[^\s"',;]+)?)/gi, "$1$2[redacted]"],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, "Bearer [redacted]"],
  // Credentials in URLs: postgresql://user:secret@host, smtp://user:secret@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, "$1:[redacted]@"],
  // key=value / "key":"value" for secret-looking keys
  [/\b((?:access_?|refresh_?|api_?)?(?:token|secret|password|passwd|api_?key))(["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi, "$1$2[redacted]"],
];

const known = new Set<string>();

/** Registers values that must be blanked wherever they appear (e.g. AUTH_SECRET, a decrypted token). */
export function registerSecret(value: string | undefined | null) {
  if (value && value.length >= 6) known.add(value);
}

/** Removes secrets from free text. */
export function scrub(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const SECRET_KEY_SET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

/** Deep copy with secret-named fields blanked and strings scrubbed (for nested objects pino's paths miss). */
export function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY_SET.has(k.toLowerCase()) ? "[redacted]" : scrubObject(v, depth + 1);
  return out;
}
