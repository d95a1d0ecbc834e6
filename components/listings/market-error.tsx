import { useTranslations } from "next-intl";
import { translateMessage, type Translator } from "@/lib/i18n/message";

/** A catalog key for a marketplace's error code, when we have words for it (codes may hold dots). */
export const marketErrorKey = (code: string | null | undefined) => (code && /^[A-Za-z0-9_-]+$/.test(code) ? `marketErrors.${code}` : null);

/**
 * A marketplace's refusal in the dealer's words: our explanation of its code and what to do (the
 * marketplace module's own vocabulary first, then the codes every marketplace may give), then
 * what the marketplace itself said (quoted as it said it, `data-verbatim`) and the code. Works in
 * server and client components.
 */
export function MarketError({ code, message, vocabulary = {} }: { code: string | null | undefined; message: string | null | undefined; vocabulary?: Record<string, string> }) {
  const t = useTranslations();
  const loose = t as unknown as Translator;
  const key = marketErrorKey(code);
  const own = code ? vocabulary[code] : undefined;
  const explanation = own ? translateMessage(loose, own) : key && loose.has(key) ? loose(key) : null;
  const said = translateMessage(loose, message);
  const ours = !!message && said !== message;
  return (
    <p role="alert" className="mt-2 text-sm text-red-800">
      {explanation ?? t("marketErrors.generic")}
      {said && said !== explanation && (ours
        ? <span className="block text-xs text-red-700">{said}</span>
        : <span className="block text-xs text-red-700">{t("marketErrors.said")} <q data-verbatim>{said}</q></span>)}
      {code && <span className="ml-1 font-mono text-xs text-slate-500" data-verbatim>({code})</span>}
    </p>
  );
}
