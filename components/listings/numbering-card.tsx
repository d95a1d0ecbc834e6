"use client";
/** Settings: the pattern new cars are numbered by (admins); shows the reference the next car gets. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useTranslations } from "next-intl";
import { setReferencePatternAction } from "@/app/(dashboard)/d/[dealer]/settings/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage, TextField } from "@/components/ui/field";
import { referencePatternInputSchema, type ReferencePatternInput } from "@/lib/listings/reference-pattern";

const TOKENS = [["{YYYY}", "year"], ["{YY}", "shortYear"], ["{MM}", "month"], ["{####}", "number"]] as const;

export function NumberingCard({ dealer, pattern, next, canSet }: { dealer: string; pattern: string; next: string; canSet: boolean }) {
  const t = useTranslations("quickCar.numbering");
  const { form, action, handleSubmitWithAction } = useHookFormAction(setReferencePatternAction, zodResolver(referencePatternInputSchema), {
    formProps: { defaultValues: { dealer, pattern } as ReferencePatternInput, mode: "onTouched" },
  });
  const shownNext = action.result.data?.next ?? next;
  return (
    <Card title={t("title")} description={t("description")}>
      {/* The pattern's placeholders are typed as shown, in every language: marked as such. */}
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-600">
        {TOKENS.map(([token, key]) => (
          <div key={key} className="contents">
            <dt><code className="rounded bg-slate-100 px-1" data-verbatim>{token}</code></dt>
            <dd>{t(`tokens.${key}`)}</dd>
          </div>
        ))}
      </dl>
      {canSet ? (
        <form noValidate onSubmit={handleSubmitWithAction} className="space-y-3">
          <div className="max-w-sm">
            <TextField label={t("label")} autoComplete="off" spellCheck={false} {...form.register("pattern")} error={form.formState.errors.pattern?.message} hint={t("next", { reference: shownNext })} />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={action.isPending}>{t("save")}</Button>
            <FormMessage error={action.result.serverError} success={action.hasSucceeded ? t("saved") : null} />
          </div>
        </form>
      ) : (
        <p className="text-sm"><code className="rounded bg-slate-100 px-1">{pattern}</code> · {t("next", { reference: next })}</p>
      )}
    </Card>
  );
}
