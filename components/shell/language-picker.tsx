"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { chooseLanguageAction } from "@/app/language-actions";
import { LANGUAGE_NAMES, LANGUAGES, languageOf } from "@/lib/i18n/locales";

/** The sign-in page's language choice (remembered in a cookie until the user picks one in their profile). */
export function LanguagePicker() {
  const t = useTranslations("language");
  const router = useRouter();
  const current = languageOf(useLocale());
  const { execute, isPending } = useAction(chooseLanguageAction, { onSuccess: () => router.refresh() });
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      {t("label")}
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value={current}
        disabled={isPending}
        onChange={(e) => execute({ language: e.target.value as (typeof LANGUAGES)[number] })}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>
        ))}
      </select>
    </label>
  );
}
