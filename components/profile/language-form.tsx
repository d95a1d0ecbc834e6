"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { updateMyLanguageAction } from "@/app/language-actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "@/lib/i18n/locales";

export function LanguageForm({ chosen, browserLanguage }: { chosen: Language | null; browserLanguage: Language }) {
  const t = useTranslations();
  const router = useRouter();
  const [value, setValue] = useState<string>(chosen ?? "");
  const { execute, result, isPending, hasSucceeded } = useAction(updateMyLanguageAction, { onSuccess: () => router.refresh() });
  const options = [
    { value: "", label: t("language.browserDefault", { language: LANGUAGE_NAMES[browserLanguage] }) },
    ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
  ];
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ language: value as Language | "" });
      }}
    >
      <FormMessage error={result.serverError} success={hasSucceeded && !isPending ? t("profile.saved") : null} />
      <SelectField label={t("language.label")} hint={t("language.hint")} name="language" value={value} onChange={(e) => setValue(e.target.value)} options={options} />
      <Button type="submit" disabled={isPending}>{isPending ? t("common.saving") : t("common.save")}</Button>
    </form>
  );
}
