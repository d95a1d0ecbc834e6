"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useMessage } from "@/components/ui/use-message";
import type { PlausibilityWarning } from "@/lib/listings/plausibility";

const focusField = (field: string) => (document.getElementsByName(`listing.${field}`)[0] as HTMLElement | undefined)?.focus();

/**
 * Values that look like a typing mistake. While the dealer edits, a calm note; after a save was
 * held back (`mustConfirm`), the values to confirm and the button that saves them as they are.
 */
export function PlausibilityPanel({ warnings, mustConfirm, busy, onConfirm }: { warnings: PlausibilityWarning[]; mustConfirm: boolean; busy: boolean; onConfirm: () => void }) {
  const t = useTranslations("plausibility");
  const text = useMessage();
  if (warnings.length === 0) return null;
  return (
    <section role={mustConfirm ? "alert" : undefined} aria-label={t("title")} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 shadow-sm" data-testid="plausibility">
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="mt-1">{mustConfirm ? t("mustConfirm") : t("intro")}</p>
      <ul className="mt-2 space-y-1">
        {warnings.map((w) => (
          <li key={w.fingerprint}><button type="button" className="text-left underline decoration-dotted" onClick={() => focusField(w.field)}>{text(w.message)}</button></li>
        ))}
      </ul>
      {mustConfirm && <Button className="mt-3 w-full" variant="secondary" disabled={busy} onClick={onConfirm}>{t("confirm")}</Button>}
    </section>
  );
}
