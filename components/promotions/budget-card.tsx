/** Settings: the monthly budget for paid promotions, per currency the dealer's promoting marketplaces charge in. */
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { BudgetForm } from "@/components/promotions/budget-form";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/i18n/format";
import { budgetView, promotionCurrencies } from "@/lib/promotions/budget";

export async function BudgetCard({ dealer, canSet }: { dealer: { id: string; slug: string; country: string }; canSet: boolean }) {
  const currencies = await promotionCurrencies(dealer.id);
  if (currencies.length === 0) return null;
  const [t, locale, format] = await Promise.all([getTranslations("promotions"), getLocale(), getFormatter()]);
  const views = await Promise.all(currencies.map(async (c) => ({ ...c, view: await budgetView(dealer, c.currency) })));
  return (
    <Card title={t("budget.title")} description={t("budget.description")}>
      <div className="space-y-6">
        {views.map(({ currency, marketplaces, view }) => {
          const money = (v: number) => formatMoney(v, currency, locale);
          return (
            <div key={currency} className="space-y-3 text-sm" data-testid={`budget-${currency}`}>
              <p>{view.monthlyLimit === null ? t("budget.none") : t("budget.spent", { month: format.dateTime(new Date(`${view.month}-15T12:00:00Z`), { month: "long", year: "numeric" }), spent: money(view.spent), limit: money(view.monthlyLimit) })}</p>
              <ul className="text-slate-600">
                {marketplaces.flatMap((m) => m.kinds.map((k) => {
                  const fixed = m.fixedPrices[k];
                  const agreed = view.prices[m.id]?.[k];
                  const price = fixed ?? agreed;
                  return <li key={`${m.id}.${k}`}>{t("budget.priceLine", { kind: t(`kind.${k}`), marketplace: m.name, price: price == null ? t("budget.noPrice") : money(price) })}</li>;
                }))}
              </ul>
              {canSet && (currency === "SEK" || currency === "EUR") && (
                <BudgetForm dealer={dealer.slug} currency={currency} limit={view.monthlyLimit} prices={view.prices as never} marketplaces={marketplaces} />
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
