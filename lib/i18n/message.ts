/**
 * Messages that travel before they are read. A validation issue, a server-side refusal or a
 * pre-flight problem is created where the user's language is unknown (a zod schema, a service, a
 * marketplace rule), so it carries a catalog key and its values instead of words:
 *
 *     msg("validation.tooLong", { max: 300 })  →  "@validation.tooLong|{"max":300}"
 *
 * and is put into words where it is shown (`translateMessage`), in the reader's language. A plain
 * string without the leading "@" is shown as it is. Client-safe.
 */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

const PREFIX = "@";

export function msg(key: string, values?: MessageValues): string {
  const clean = values && Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return clean && Object.keys(clean).length ? `${PREFIX}${key}|${JSON.stringify(clean)}` : `${PREFIX}${key}`;
}

export function isMessage(text: unknown): text is string {
  return typeof text === "string" && text.startsWith(PREFIX) && /^@[A-Za-z0-9_.-]+(\||$)/.test(text);
}

export function parseMessage(text: string): { key: string; values: MessageValues } | null {
  if (!isMessage(text)) return null;
  const bar = text.indexOf("|");
  const key = text.slice(1, bar === -1 ? undefined : bar);
  if (bar === -1) return { key, values: {} };
  try {
    const values = JSON.parse(text.slice(bar + 1)) as MessageValues;
    return { key, values: values && typeof values === "object" ? values : {} };
  } catch {
    return { key, values: {} };
  }
}

/** What a next-intl translator looks like to us (server `getTranslations()` or client `useTranslations()`). */
export interface Translator {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
}

/** Puts a message into words; unknown keys fall back to a generic sentence, never to the raw key. */
export function translateMessage(t: Translator, text: string | null | undefined): string {
  if (!text) return "";
  const parsed = parseMessage(text);
  if (!parsed) return text;
  const values = Object.fromEntries(
    Object.entries(parsed.values).filter((e): e is [string, string | number | Date] => e[1] !== null && e[1] !== undefined && typeof e[1] !== "boolean"),
  );
  return t.has(parsed.key) ? t(parsed.key, values) : t("errors.unexpected");
}
