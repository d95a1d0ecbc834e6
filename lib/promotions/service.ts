/**
 * Paid promotions (bump, pole position) for marketplaces that sell them (capability
 * paidPromotions), from the car page or for a selection of cars.
 *
 * - A quote says, before anything is spent, which cars can be promoted (and why the others
 *   cannot), what each costs (the marketplace's price when its contract gives one, else the
 *   dealer's agreed price), the total, and what is left of the month's budget.
 * - A request is all or nothing against the budget: under a per-dealer lock the month's spending
 *   is summed, the request refused when it would exceed the budget (or when the price changed
 *   since the quote), and the promotions recorded as SENT with an audit entry — only then is the
 *   marketplace called, once per car (a charged call is never repeated blindly).
 * - The marketplace's answer makes each one ACCEPTED or FAILED (a refusal costs nothing); its
 *   action log, mirrored by the status poll, settles it as DONE or FAILED (settle.ts).
 *
 * Who may spend: STAFF and ADMIN (`promotions.buy`), always within the budget only an ADMIN sets.
 */
import "server-only";
import type { Connection, Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { ActionError, NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { fromRow } from "@/lib/listings/store";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { MarketplaceDescriptor, PaidPromotion, PushOutcome } from "@/lib/marketplaces/types";
import { adapterFor } from "@/lib/sync/adapters";
import { connectionContext } from "@/lib/sync/context";
import { schedulePoll } from "@/lib/sync/handlers/poll";
import { queue } from "@/lib/sync/queue";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { budgetView, currentMonth, spentIn, type Prices } from "./budget";
import { settlePromotions } from "./settle";

export const PENDING_STATES = ["SENT", "ACCEPTED"];
/** Most cars one request promotes (a page of the grid is at most 100). */
export const MAX_CARS = 200;

export interface PromotionTarget {
  listingId: string;
  reference: string;
  title: string;
  eligible: boolean;
  /** Why it cannot be promoted (a message, lib/i18n/message.ts). */
  reason: string | null;
  excludedChannels: string[];
}

export interface PromotionQuote {
  connectionId: string;
  connectionName: string;
  marketplace: string;
  kind: PaidPromotion;
  currency: string;
  unitPrice: number | null;
  /** "marketplace": its contract gives the price; "agreement": the dealer's agreed price. */
  priceSource: "marketplace" | "agreement" | null;
  durationHours: number | null;
  targets: PromotionTarget[];
  eligible: number;
  total: number | null;
  budget: { month: string; limit: number | null; spent: number; remaining: number | null };
  /** Why the request cannot go ahead as it stands (no price, no budget, over budget), or null. */
  blocked: string | null;
}

interface Loaded {
  connection: Connection;
  descriptor: MarketplaceDescriptor;
}

async function loadConnection(dealerId: string, connectionId: string, kind: PaidPromotion): Promise<Loaded> {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId } });
  if (!connection || !isMarketplaceId(connection.marketplace)) throw new NotFoundError();
  const descriptor = descriptorOf(connection.marketplace);
  if (!descriptor.capabilities.paidPromotions.includes(kind)) throw new ActionError(msg("promotions.notOffered", { marketplace: descriptor.name }));
  return { connection, descriptor };
}

function unitPriceOf(descriptor: MarketplaceDescriptor, kind: PaidPromotion, prices: Prices): { price: number | null; source: PromotionQuote["priceSource"] } {
  const fixed = descriptor.promotions?.[kind]?.price;
  if (fixed != null) return { price: fixed, source: "marketplace" };
  const agreed = prices[descriptor.id]?.[kind];
  return agreed != null ? { price: agreed, source: "agreement" } : { price: null, source: null };
}

/** Every car of the request, with whether it can be promoted now and why not. */
async function targetsOf(tx: Prisma.TransactionClient, dealerId: string, loaded: Loaded, kind: PaidPromotion, listingIds: string[], now: Date): Promise<PromotionTarget[]> {
  const { connection, descriptor } = loaded;
  const ids = [...new Set(listingIds)];
  const rows = await tx.listing.findMany({
    where: { dealerId, id: { in: ids } },
    include: { publications: { where: { connectionId: connection.id }, select: { state: true, enabled: true, remoteId: true, excludedChannels: true } } },
  });
  // Another dealer's car (or none at all) is not found: the whole request, not a partial answer.
  if (rows.length !== ids.length) throw new NotFoundError();
  const terms = descriptor.promotions?.[kind];
  const blockers = [kind, ...(terms?.blockedWhileActive ?? [])];
  const recent = await tx.promotion.findMany({
    where: { dealerId, connectionId: connection.id, listingId: { in: ids }, kind: { in: blockers }, OR: [{ state: { in: PENDING_STATES } }, { state: "DONE", activeUntil: { gt: now } }] },
    select: { listingId: true, kind: true, state: true, activeUntil: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    const pub = row.publications[0];
    let reason: string | null = null;
    let listing: ReturnType<typeof fromRow> | null = null;
    try {
      listing = fromRow(row);
    } catch {
      listing = null;
    }
    const busy = recent.filter((p) => p.listingId === id);
    if (!connection.enabled) reason = msg("promotions.reason.connectionOff");
    else if (connection.rehearsal) reason = msg("promotions.reason.rehearsal");
    else if (row.status !== "ACTIVE" && row.status !== "RESERVED") reason = msg("promotions.reason.notForSale");
    else if (!pub || !pub.enabled || pub.remoteId === null || pub.state === "NOT_PUBLISHED" || pub.state === "REMOVED" || pub.state === "QUEUED") reason = msg("promotions.reason.notPublished", { marketplace: descriptor.label });
    else if (pub.state === "ACCEPTED") reason = msg("promotions.reason.beingWritten", { marketplace: descriptor.label });
    else if (pub.state === "ERROR") reason = msg("promotions.reason.inError", { marketplace: descriptor.label });
    else if (terms?.registeredOnly && (!listing || descriptor.isRegistered?.(listing) === false)) reason = msg("promotions.reason.registeredOnly");
    else if (busy.some((p) => p.kind === kind && PENDING_STATES.includes(p.state))) reason = msg("promotions.reason.inProgress");
    else {
      const active = busy.find((p) => p.state === "DONE" && p.activeUntil && terms?.blockedWhileActive.includes(p.kind as PaidPromotion));
      const pendingBlocker = busy.find((p) => p.kind !== kind && PENDING_STATES.includes(p.state));
      if (active) reason = msg(`promotions.reason.activeUntil.${active.kind}`, { until: active.activeUntil!.getTime() });
      else if (pendingBlocker) reason = msg("promotions.reason.inProgress");
    }
    const excluded = terms?.channelChoice && listing && descriptor.isRegistered?.(listing) !== false ? [...(pub?.excludedChannels ?? [])] : [];
    return { listingId: id, reference: row.reference, title: row.title, eligible: reason === null, reason, excludedChannels: excluded };
  });
}

function assertBuy(access: DealerAccess) {
  if (!can(access.role, "promotions.buy")) throw new NotFoundError();
}

function checkIds(listingIds: string[]) {
  if (listingIds.length === 0) throw new ActionError(msg("promotions.chooseCars"));
  if (new Set(listingIds).size > MAX_CARS) throw new ActionError(msg("promotions.tooMany", { max: MAX_CARS }));
}

/** Before anything is spent: what promoting these cars would cost, and whether it can go ahead. */
export async function quotePromotion(access: DealerAccess, input: { kind: PaidPromotion; connectionId: string; listingIds: string[] }, now = new Date()): Promise<PromotionQuote> {
  assertBuy(access);
  checkIds(input.listingIds);
  const dealerId = access.dealer.id;
  await settlePromotions(dealerId, { listingIds: input.listingIds });
  const loaded = await loadConnection(dealerId, input.connectionId, input.kind);
  const targets = await targetsOf(db, dealerId, loaded, input.kind, input.listingIds, now);
  const budget = await budgetView(access.dealer, loaded.descriptor.currency, now);
  const { price, source } = unitPriceOf(loaded.descriptor, input.kind, budget.prices);
  const eligible = targets.filter((t) => t.eligible).length;
  const total = price === null ? null : price * eligible;
  return {
    connectionId: loaded.connection.id, connectionName: loaded.connection.name, marketplace: loaded.descriptor.name, kind: input.kind,
    currency: loaded.descriptor.currency, unitPrice: price, priceSource: source, durationHours: loaded.descriptor.promotions?.[input.kind]?.durationHours ?? null,
    targets, eligible, total,
    budget: { month: budget.month, limit: budget.monthlyLimit, spent: budget.spent, remaining: budget.remaining },
    blocked: blockedReason(loaded.descriptor, input.kind, price, budget.monthlyLimit, budget.spent, total, eligible),
  };
}

function blockedReason(descriptor: MarketplaceDescriptor, kind: PaidPromotion, price: number | null, limit: number | null, spent: number, total: number | null, eligible: number): string | null {
  if (eligible === 0) return msg("promotions.noneEligible");
  if (price === null) return msg(`promotions.noPrice.${kind}`, { marketplace: descriptor.name });
  if (limit === null) return msg("promotions.noBudget");
  if (total !== null && spent + total > limit) {
    const fit = price > 0 ? Math.max(0, Math.floor((limit - spent) / price)) : eligible;
    return msg("promotions.overBudget", { total, remaining: Math.max(0, limit - spent), currency: descriptor.currency, fit });
  }
  return null;
}

export interface PromotionResult {
  accepted: string[];
  failed: { reference: string; code: string | null; message: string }[];
  /** Sent, but the marketplace's answer was lost: the log will say whether it happened. */
  unknown: string[];
  skipped: { reference: string; reason: string }[];
  total: number;
}

/**
 * Promotes the cars that can be promoted, all or nothing against the budget. `expectedTotal` is
 * the total the dealer confirmed; a different total now (a price or the selection changed) is
 * refused rather than charged.
 */
export async function requestPromotion(actorId: string, access: DealerAccess, input: { kind: PaidPromotion; connectionId: string; listingIds: string[]; expectedTotal: number }, now = new Date()): Promise<PromotionResult> {
  assertBuy(access);
  checkIds(input.listingIds);
  const dealerId = access.dealer.id;
  await settlePromotions(dealerId, { listingIds: input.listingIds });
  const loaded = await loadConnection(dealerId, input.connectionId, input.kind);
  const { connection, descriptor } = loaded;
  const currency = descriptor.currency;
  const month = currentMonth(access.dealer, now);

  const reserved = await db.$transaction(async (tx) => {
    // One request per dealer at a time: two staff bumping at once cannot both fit in the last of the budget.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(23902, hashtext(${dealerId}))::text AS locked`;
    const targets = await targetsOf(tx, dealerId, loaded, input.kind, input.listingIds, now);
    const budget = await tx.promotionBudget.findUnique({ where: { dealerId_currency: { dealerId, currency } } });
    const prices = (budget?.prices ?? {}) as Prices;
    const { price } = unitPriceOf(descriptor, input.kind, prices);
    const eligible = targets.filter((t) => t.eligible);
    const limit = budget ? Number(budget.monthlyLimit) : null;
    const spent = await spentIn(dealerId, currency, month, tx);
    const total = price === null ? null : price * eligible.length;
    const blocked = blockedReason(descriptor, input.kind, price, limit, spent, total, eligible.length);
    if (blocked) throw new ActionError(blocked);
    if (total !== input.expectedTotal) throw new ActionError(msg("promotions.totalChanged", { total: total!, currency }));
    const created = [];
    for (const t of eligible) {
      created.push(await tx.promotion.create({
        data: {
          dealerId, listingId: t.listingId, connectionId: connection.id, reference: t.reference, kind: input.kind, state: "SENT",
          price: price!, currency, excludedChannels: t.excludedChannels, requestedById: actorId, requestedAt: now,
        },
        select: { id: true, reference: true, excludedChannels: true, listingId: true },
      }));
    }
    await recordAudit({
      actorId, dealerId, action: `promotion.${input.kind}`, targetType: "Connection", targetId: connection.id,
      data: { kind: input.kind, cars: eligible.length, unitPrice: price!, total: total!, currency, month: month.key, references: eligible.map((t) => t.reference) },
    }, tx);
    return { created, skipped: targets.filter((t) => !t.eligible).map((t) => ({ reference: t.reference, reason: t.reason! })), total: total! };
  });

  const adapter = adapterFor(connection.marketplace);
  const call = input.kind === "bump" ? adapter.bump : adapter.polePosition;
  const references = reserved.created.map((p) => p.reference);
  const excludedChannels = Object.fromEntries(reserved.created.filter((p) => p.excludedChannels.length).map((p) => [p.reference, p.excludedChannels]));
  let outcomes: PushOutcome[];
  try {
    outcomes = await call!.call(adapter, references, connectionContext(connection), { excludedChannels });
  } catch {
    outcomes = [];
  }
  const byRef = new Map(outcomes.map((o) => [o.reference, o]));
  const result: PromotionResult = { accepted: [], failed: [], unknown: [], skipped: reserved.skipped, total: reserved.total };
  const accepted = new Date();
  for (const p of reserved.created) {
    const o = byRef.get(p.reference);
    if (o?.result === "accepted" || o?.result === "live") {
      result.accepted.push(p.reference);
      await db.promotion.updateMany({ where: { id: p.id, dealerId }, data: { state: "ACCEPTED", acceptedAt: accepted } });
    } else if (o && o.retryable !== true) {
      // Refused by the marketplace: nothing happened, nothing is charged.
      result.failed.push({ reference: p.reference, code: o.code ?? null, message: o.message ?? "" });
      await db.promotion.updateMany({ where: { id: p.id, dealerId }, data: { state: "FAILED", finishedAt: accepted, code: o.code ?? null, message: o.message ?? null } });
    } else {
      // No answer (or a transient failure after sending): it may have happened. It stays SENT (counted)
      // until the ad's log says; it is never sent again automatically.
      result.unknown.push(p.reference);
      await db.promotion.updateMany({ where: { id: p.id, dealerId }, data: { code: o?.code ?? "NO_ANSWER", message: o?.message ?? null } });
    }
  }
  const followed = reserved.created.filter((p) => !result.failed.some((f) => f.reference === p.reference)).map((p) => p.listingId);
  if (followed.length && descriptor.capabilities.logMirroring) {
    // The status poll follows the ads until the marketplace's log shows the promotion done or failed.
    await db.publication.updateMany({ where: { dealerId, connectionId: connection.id, listingId: { in: followed }, state: "LIVE" }, data: { state: "ACCEPTED" } });
    await queue().then((boss) => schedulePoll(boss, dealerId, connection.id, 0)).catch((err) => console.warn(`[promotions] could not schedule the status poll: ${(err as Error).message}`));
  }
  return result;
}

export interface PromotionView {
  id: string;
  connectionId: string;
  kind: string;
  state: string;
  price: number;
  currency: string;
  excludedChannels: string[];
  requestedBy: string | null;
  requestedAt: string;
  finishedAt: string | null;
  activeUntil: string | null;
  code: string | null;
  message: string | null;
  /** The marketplace's log lines of this promotion (once mirrored). */
  log: { at: string; action: string; state: string; message: string | null }[];
}

/** The promotions of one car, newest first, settled from the mirrored log first. */
export async function listingPromotions(dealerId: string, listingId: string): Promise<PromotionView[]> {
  const listing = await db.listing.findFirst({ where: { id: listingId, dealerId }, select: { id: true } });
  if (!listing) throw new NotFoundError();
  await settlePromotions(dealerId, { listingIds: [listingId] });
  const rows = await db.promotion.findMany({ where: { dealerId, listingId }, orderBy: { requestedAt: "desc" }, take: 50 });
  const userIds = [...new Set(rows.map((r) => r.requestedById).filter((x): x is string => !!x))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const keys = rows.map((r) => r.remoteLogKey).filter((k): k is string => !!k);
  const settling = keys.length ? await db.adLog.findMany({ where: { dealerId, listingId, remoteKey: { in: keys } }, select: { remoteKey: true, requestId: true, connectionId: true } }) : [];
  const requestIds = settling.map((l) => l.requestId).filter((x): x is string => !!x);
  const lines = requestIds.length ? await db.adLog.findMany({ where: { dealerId, listingId, requestId: { in: requestIds } }, orderBy: { at: "asc" } }) : [];
  return rows.map((r) => {
    const line = settling.find((l) => l.remoteKey === r.remoteLogKey);
    const log = line?.requestId ? lines.filter((l) => l.requestId === line.requestId && l.connectionId === r.connectionId) : [];
    return {
      id: r.id, connectionId: r.connectionId, kind: r.kind, state: r.state, price: Number(r.price), currency: r.currency, excludedChannels: r.excludedChannels,
      requestedBy: r.requestedById ? users.get(r.requestedById) ?? null : null, requestedAt: r.requestedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null, activeUntil: r.activeUntil?.toISOString() ?? null, code: r.code, message: r.message,
      log: log.map((l) => ({ at: l.at.toISOString(), action: l.action, state: l.state, message: l.message })),
    };
  });
}

/** Which of the marketplace's channels this car's promotions leave out (e.g. renew on Blocket only). */
export async function setExcludedChannels(actorId: string, access: DealerAccess, input: { listingId: string; connectionId: string; excludedChannels: string[] }) {
  if (!can(access.role, "listings.edit")) throw new NotFoundError();
  const dealerId = access.dealer.id;
  const connection = await db.connection.findFirst({ where: { id: input.connectionId, dealerId }, select: { id: true, marketplace: true } });
  const listing = await db.listing.findFirst({ where: { id: input.listingId, dealerId }, select: { id: true, reference: true } });
  if (!connection || !listing || !isMarketplaceId(connection.marketplace)) throw new NotFoundError();
  const channels = descriptorOf(connection.marketplace).capabilities.promotionChannels ?? [];
  const excluded = [...new Set(input.excludedChannels)];
  if (excluded.some((c) => !channels.includes(c))) throw new ActionError(msg("promotions.unknownChannel"));
  // At least one channel must stay: a promotion that reaches nobody is refused by the marketplace anyway.
  if (channels.length > 0 && excluded.length >= channels.length) throw new ActionError(msg("promotions.keepOneChannel"));
  await db.$transaction(async (tx) => {
    await tx.publication.upsert({
      where: { dealerId_listingId_connectionId: { dealerId, listingId: listing.id, connectionId: connection.id } },
      create: { dealerId, listingId: listing.id, connectionId: connection.id, excludedChannels: excluded },
      update: { excludedChannels: excluded },
    });
    await recordAudit({ actorId, dealerId, action: "listing.promotion_channels", targetType: "Listing", targetId: listing.id, data: { reference: listing.reference, connectionId: connection.id, excludedChannels: excluded } }, tx);
  });
  return { excludedChannels: excluded };
}
