/**
 * The monthly budget for paid promotions: how much a dealer may spend per calendar month (in its
 * time zone), and what each promotion costs under its agreement with the marketplace. Only the
 * dealer's ADMIN sets it; every change is audited. Spending counts every promotion that was sent
 * or done this month; one the marketplace refused (FAILED) costs nothing.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { TIME_ZONE_BY_COUNTRY } from "@/lib/i18n/locales";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { PaidPromotion } from "@/lib/marketplaces/types";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { monthWindow, type MonthWindow } from "./month";

/** Promotions that cost money: asked for (the answer may be lost), queued, or done. */
export const SPENDING_STATES = ["SENT", "ACCEPTED", "DONE"];

export { budgetSchema, type BudgetInput } from "./budget-schema";
import type { BudgetInput } from "./budget-schema";

export type Prices = Partial<Record<string, Partial<Record<PaidPromotion, number | null>>>>;

export interface BudgetView {
  currency: string;
  monthlyLimit: number | null;
  prices: Prices;
  month: string;
  spent: number;
  remaining: number | null;
}

export function timeZoneOf(dealer: { country: string }): string {
  return TIME_ZONE_BY_COUNTRY[dealer.country as "BE" | "SE"] ?? TIME_ZONE_BY_COUNTRY.BE;
}

export function currentMonth(dealer: { country: string }, now = new Date()): MonthWindow {
  return monthWindow(now, timeZoneOf(dealer));
}

/** What was spent in the month, in one currency. Runs on the caller's transaction when given. */
export async function spentIn(dealerId: string, currency: string, month: MonthWindow, tx: Prisma.TransactionClient = db): Promise<number> {
  const sum = await tx.promotion.aggregate({
    where: { dealerId, currency, state: { in: SPENDING_STATES }, requestedAt: { gte: month.from, lt: month.to } },
    _sum: { price: true },
  });
  return Number(sum._sum.price ?? 0);
}

const pricesOf = (value: unknown): Prices => (value && typeof value === "object" && !Array.isArray(value) ? (value as Prices) : {});

export async function budgetView(dealer: { id: string; country: string }, currency: string, now = new Date()): Promise<BudgetView> {
  const month = currentMonth(dealer, now);
  const [row, spent] = await Promise.all([
    db.promotionBudget.findUnique({ where: { dealerId_currency: { dealerId: dealer.id, currency } } }),
    spentIn(dealer.id, currency, month),
  ]);
  const limit = row ? Number(row.monthlyLimit) : null;
  return { currency, monthlyLimit: limit, prices: pricesOf(row?.prices), month: month.key, spent, remaining: limit === null ? null : Math.max(0, limit - spent) };
}

/** Currencies the dealer's promoting marketplaces charge in (one budget each). */
export async function promotionCurrencies(dealerId: string): Promise<{ currency: string; marketplaces: { id: string; name: string; kinds: PaidPromotion[]; fixedPrices: Partial<Record<PaidPromotion, number>> }[] }[]> {
  const connections = await db.connection.findMany({ where: { dealerId, archivedAt: null }, select: { marketplace: true }, distinct: ["marketplace"] });
  const byCurrency = new Map<string, { id: string; name: string; kinds: PaidPromotion[]; fixedPrices: Partial<Record<PaidPromotion, number>> }[]>();
  for (const { marketplace } of connections) {
    if (!isMarketplaceId(marketplace)) continue;
    const d = descriptorOf(marketplace);
    if (d.capabilities.paidPromotions.length === 0) continue;
    const fixedPrices = Object.fromEntries(d.capabilities.paidPromotions.flatMap((k) => (d.promotions?.[k]?.price != null ? [[k, d.promotions[k]!.price!]] : [])));
    const list = byCurrency.get(d.currency) ?? [];
    list.push({ id: d.id, name: d.name, kinds: [...d.capabilities.paidPromotions], fixedPrices });
    byCurrency.set(d.currency, list);
  }
  return [...byCurrency].map(([currency, marketplaces]) => ({ currency, marketplaces }));
}

/** The dealer's ADMIN sets the monthly budget and the agreed prices. */
export async function setBudget(actorId: string, access: DealerAccess, input: BudgetInput): Promise<BudgetView> {
  if (!can(access.role, "promotions.budget")) throw new NotFoundError();
  const dealerId = access.dealer.id;
  const prices: Prices = {};
  for (const [marketplace, kinds] of Object.entries(input.prices)) {
    // Only marketplaces the registry knows and that sell promotions: nothing else is stored.
    if (!isMarketplaceId(marketplace)) continue;
    const offered = descriptorOf(marketplace).capabilities.paidPromotions;
    // An empty field is "not known", stored as nothing.
    prices[marketplace] = Object.fromEntries(Object.entries(kinds).filter(([k, v]) => offered.includes(k as PaidPromotion) && v !== undefined && v !== null));
  }
  await db.$transaction(async (tx) => {
    const before = await tx.promotionBudget.findUnique({ where: { dealerId_currency: { dealerId, currency: input.currency } } });
    await tx.promotionBudget.upsert({
      where: { dealerId_currency: { dealerId, currency: input.currency } },
      create: { dealerId, currency: input.currency, monthlyLimit: input.monthlyLimit, prices: prices as Prisma.InputJsonValue, updatedById: actorId },
      update: { monthlyLimit: input.monthlyLimit, prices: prices as Prisma.InputJsonValue, updatedById: actorId },
    });
    await recordAudit({
      actorId, dealerId, action: "promotions.budget_set", targetType: "PromotionBudget", targetId: input.currency,
      data: { currency: input.currency, monthlyLimit: input.monthlyLimit, prices: prices as Prisma.InputJsonValue, previous: before ? { monthlyLimit: Number(before.monthlyLimit), prices: before.prices as Prisma.InputJsonValue } : null },
    }, tx);
  });
  return budgetView(access.dealer, input.currency);
}
