/**
 * A pre-flight problem, a marketplace issue or a warning, in the reader's words. Pure, for server
 * and client components alike (the hook is problem-text.tsx).
 *
 * A message made with `msg()` is translated as such (the rules and adapters speak that way). An
 * older plain one — stored by an earlier version in a sync's history — is looked up by
 * marketplace, code and field in `preflight.rules`, then by code in `marketErrors`. What is left
 * is the marketplace's own words (a field it refused, in its language): `quoted`, shown as such.
 */
import { translateMessage, type Translator } from "@/lib/i18n/message";

export interface ProblemLike { field?: string; code?: string; message?: string }

/** Catalog keys that may word a plain (not `msg()`) problem, most specific first. */
export function problemKeys(marketplace: string, p: ProblemLike): string[] {
  if (!p.code) return [];
  const base = `preflight.rules.${marketplace.toLowerCase()}`;
  const field = p.field?.split(".")[0] || "listing";
  return [`${base}.${p.code}.${field}`, `${base}.${p.code}.any`, `marketErrors.${p.code}`].filter((k) => /^[\w.-]+$/.test(k));
}

/** A web address quoted in a marketplace's or an adapter's text (the photo a warning is about). */
const quotedUrl = (text: string | undefined) => text?.match(/https?:\/\/[^\s)]+/)?.[0] ?? null;

export function problemWords(t: Translator, marketplace: string, p: ProblemLike): { text: string; url: string | null; quoted: boolean } {
  const message = p.message ?? "";
  const translated = translateMessage(t, message);
  if (message && translated !== message) return { text: translated, url: null, quoted: false };
  for (const key of problemKeys(marketplace, p)) if (t.has(key)) return { text: t(key), url: quotedUrl(message), quoted: false };
  return { text: message || p.code || "", url: null, quoted: true };
}
