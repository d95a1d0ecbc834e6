"use client";
import { useTranslations } from "next-intl";
import { translateMessage, type Translator } from "@/lib/i18n/message";

interface ProblemLike { field: string; code: string; message: string }

/**
 * A pre-flight problem or a marketplace issue in the reader's words. A message made with `msg()`
 * is translated as such; an older plain one is looked up by marketplace, code and field in
 * `preflight.rules` (codes alone are not specific enough: "invalid_string" means different
 * things on different fields), and shown as it is when no entry exists.
 */
export function useProblemText() {
  const t = useTranslations() as unknown as Translator;
  return (marketplace: string, p: ProblemLike): string => {
    const parsed = translateMessage(t, p.message);
    if (parsed !== p.message) return parsed;
    const base = `preflight.rules.${marketplace.toLowerCase()}`;
    const field = p.field.split(".")[0] || "listing";
    for (const key of [`${base}.${p.code}.${field}`, `${base}.${p.code}.any`]) if (/^[\w.-]+$/.test(key) && t.has(key)) return t(key);
    return p.message;
  };
}
