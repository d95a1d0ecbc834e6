/**
 * The app's bell (issue #15 item 6): what needs this user, now. It reads the same detection as the
 * e-mail alerts (lib/alerts/detect.ts, for the user's dealers only) and records it the same way,
 * so a problem is one condition with one episode whether a mail or the bell saw it first. Who sees
 * what is the alerts' audience rule (lib/alerts/kinds.ts): those who may act, plus staff told who
 * can. "Read" is per user and per episode: a problem that clears and comes back is unread again.
 */
import "server-only";
import { detectConditions } from "@/lib/alerts/detect";
import { ALERT_AUDIENCE, BELL_KINDS, reachOf, type AlertCar, type ConditionDetails } from "@/lib/alerts/kinds";
import { recordConditions, type OpenCondition } from "@/lib/alerts/scan";
import { PERMISSIONS } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { AlertKind, Role } from "@/lib/generated/prisma/enums";

export interface NotificationCar { reference: string; title: string; href: string | null }

export interface Notification {
  /** Opaque to the browser: what it sends back to mark this one read. */
  id: string;
  kind: AlertKind;
  dealer: { slug: string; name: string };
  /** The dealer the reader is looking at. */
  current: boolean;
  openedAt: string;
  read: boolean;
  /** "act": the reader can resolve it; "informed": `whoCanAct` can. */
  reach: "act" | "informed";
  whoCanAct: string[];
  connectionName: string;
  marketplace: string;
  count: number;
  cars: NotificationCar[];
  /** Where to act. */
  href: string;
}

export interface Inbox { unread: number; items: Notification[] }

const idOf = (c: { kind: AlertKind; dealerId: string; subjectId: string }) => `${c.kind}:${c.dealerId}:${c.subjectId}`;

/** Where a person acts on the problem, inside the app. */
function hrefOf(c: OpenCondition, details: ConditionDetails): string {
  const base = `/d/${c.dealer.slug}`;
  const onlyCar = details.count === 1 && details.examples?.[0]?.listingId;
  switch (c.kind) {
    case "TOKEN_REJECTED": return `${base}/settings/connections`;
    case "REMOVAL_HOLD": return `${base}#hold-${c.subjectId}`;
    case "LISTING_ERRORS": return onlyCar ? `${base}/listings/${onlyCar}` : `${base}/listings?market=${encodeURIComponent(`${details.connectionId}:ERROR`)}`;
    case "DRIFT": return onlyCar ? `${base}/listings/${onlyCar}` : `${base}/syncs`;
    case "SYNC_FAILING": return `${base}/syncs`;
  }
}

const carOf = (slug: string) => (car: AlertCar): NotificationCar => ({ reference: car.reference, title: car.title, href: car.listingId ? `/d/${slug}/listings/${car.listingId}` : null });

/** The dealers whose problems may reach the user, with their role there (null: platform admin, not a member). */
async function reachableDealers(user: SessionUser): Promise<Map<string, Role | null>> {
  const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { dealerId: true, role: true } });
  const roles = new Map<string, Role | null>(memberships.map((m) => [m.dealerId, m.role]));
  if (user.isPlatformAdmin) {
    for (const d of await db.dealer.findMany({ select: { id: true } })) if (!roles.has(d.id)) roles.set(d.id, null);
  }
  return roles;
}

/** The open conditions the user may see, after a fresh look at their dealers. */
async function visibleConditions(user: SessionUser, now: Date) {
  const roles = await reachableDealers(user);
  const dealerIds = [...roles.keys()];
  const open = await recordConditions(await detectConditions({ dealerIds }), now, dealerIds);
  return open
    .filter((c) => (BELL_KINDS as readonly AlertKind[]).includes(c.kind))
    .map((c) => ({ condition: c, reach: reachOf(c.kind, roles.get(c.dealerId) ?? null, user.isPlatformAdmin) }))
    .filter((v): v is { condition: OpenCondition; reach: "act" | "informed" } => v.reach !== null);
}

/** The names of the dealer's members who may act on `kind` (told to those who cannot). */
async function actorsOf(dealerId: string, kind: AlertKind): Promise<string[]> {
  const roles = PERMISSIONS[ALERT_AUDIENCE[kind].permission] as readonly Role[];
  const members = await db.membership.findMany({ where: { dealerId, role: { in: [...roles] } }, select: { user: { select: { name: true, email: true } } }, orderBy: { user: { name: "asc" } } });
  return members.map((m) => m.user.name || m.user.email);
}

/** Everything that needs the user now, the dealer in view first, unread before read, newest first. */
export async function inboxOf(user: SessionUser, currentDealerId: string | null, now = new Date()): Promise<Inbox> {
  const visible = await visibleConditions(user, now);
  const reads = new Map((await db.notificationRead.findMany({ where: { userId: user.id } })).map((r) => [idOf(r), r.openedAt.getTime()]));
  const actors = new Map<string, Promise<string[]>>();
  const items = await Promise.all(visible.map(async ({ condition: c, reach }): Promise<Notification> => {
    const details = c.details as unknown as ConditionDetails;
    const actorKey = `${c.dealerId}:${ALERT_AUDIENCE[c.kind].permission}`;
    if (reach === "informed" && !actors.has(actorKey)) actors.set(actorKey, actorsOf(c.dealerId, c.kind));
    return {
      id: idOf(c),
      kind: c.kind,
      dealer: { slug: c.dealer.slug, name: c.dealer.name },
      current: c.dealerId === currentDealerId,
      openedAt: c.openedAt.toISOString(),
      read: (reads.get(idOf(c)) ?? -1) >= c.openedAt.getTime(),
      reach,
      whoCanAct: reach === "informed" ? await actors.get(actorKey)! : [],
      connectionName: details.connectionName,
      marketplace: details.marketplace,
      count: details.count ?? 0,
      cars: (details.examples ?? []).map(carOf(c.dealer.slug)),
      href: hrefOf(c, details),
    };
  }));
  items.sort((a, b) => Number(b.current) - Number(a.current) || Number(a.read) - Number(b.read) || b.openedAt.localeCompare(a.openedAt));
  return { unread: items.filter((i) => !i.read).length, items };
}

/**
 * Marks notifications read for the user: the ids given, or every one they see now (`all`). Only
 * what the user sees can be marked; another id (another dealer's, or gone) is "not found".
 */
export async function markRead(user: SessionUser, target: { ids: string[] } | { all: true }, now = new Date()): Promise<void> {
  const visible = await visibleConditions(user, now);
  const byId = new Map(visible.map((v) => [idOf(v.condition), v.condition]));
  const chosen = "all" in target ? [...byId.values()] : target.ids.map((id) => byId.get(id));
  if (chosen.some((c) => !c)) throw new NotFoundError();
  for (const c of chosen as OpenCondition[]) {
    const key = { userId: user.id, dealerId: c.dealerId, kind: c.kind, subjectId: c.subjectId };
    await db.notificationRead.upsert({ where: { userId_dealerId_kind_subjectId: key }, create: { ...key, openedAt: c.openedAt, readAt: now }, update: { openedAt: c.openedAt, readAt: now } });
  }
}
