"use client";
/**
 * The monthly budget for paid promotions and the prices agreed with each marketplace, typed the
 * admin's own way (NumberField: "2 000 kr", "2.000"); the server checks it again.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useTranslations } from "next-intl";
import { setBudgetAction } from "@/app/(dashboard)/d/[dealer]/promotions/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { NumberField } from "@/components/ui/number-field";
import { budgetSchema, type BudgetInput } from "@/lib/promotions/budget-schema";

export interface BudgetFormMarketplace { id: string; name: string; kinds: ("bump" | "polePosition")[]; fixedPrices: Partial<Record<"bump" | "polePosition", number>> }

export function BudgetForm({ dealer, currency, limit, prices, marketplaces }: {
  dealer: string; currency: "EUR" | "SEK"; limit: number | null; prices: BudgetInput["prices"]; marketplaces: BudgetFormMarketplace[];
}) {
  const t = useTranslations("promotions");
  const { form, action, handleSubmitWithAction } = useHookFormAction(setBudgetAction, zodResolver(budgetSchema), {
    formProps: { defaultValues: { dealer, currency, monthlyLimit: limit ?? (undefined as unknown as number), prices } as BudgetInput, mode: "onTouched" },
  });
  const errors = form.formState.errors;
  return (
    <form className="space-y-4" noValidate onSubmit={handleSubmitWithAction}>
      <div className="grid gap-4 sm:grid-cols-3">
        <NumberField control={form.control} name="monthlyLimit" kind="money" currency={currency} label={t("budget.limit")} error={errors.monthlyLimit?.message} />
        {marketplaces.flatMap((m) => m.kinds.filter((k) => m.fixedPrices[k] === undefined).map((k) => (
          <NumberField key={`${m.id}.${k}`} control={form.control} name={`prices.${m.id}.${k}` as "monthlyLimit"} kind="money" currency={currency}
            label={t("budget.price", { kind: t(`kind.${k}`), marketplace: m.name })} hint={t("budget.priceHint", { marketplace: m.name })}
            error={(errors.prices?.[m.id] as Record<string, { message?: string }> | undefined)?.[k]?.message} />
        )))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={action.isPending}>{t("budget.save")}</Button>
        <FormMessage error={action.result.serverError} success={action.hasSucceeded ? t("budget.saved") : null} />
      </div>
    </form>
  );
}
