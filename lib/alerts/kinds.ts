/**
 * The kinds of alert, and who may act on each: the permission from the matrix decides which
 * members hear of it. Platform admins (who hold the marketplace tokens) also hear of the kinds
 * only an admin can resolve. The e-mail alerts and the app's bell (lib/notifications) both read
 * this one rule.
 */
import { can, type Permission } from "@/lib/auth/permissions";
import type { AlertKind, Role } from "@/lib/generated/prisma/enums";

/** The kinds that go out by e-mail (and that a user can mute in their profile). */
export const ALERT_KINDS = ["TOKEN_REJECTED", "REMOVAL_HOLD", "LISTING_ERRORS", "SYNC_FAILING"] as const satisfies readonly AlertKind[];
export type MailKind = (typeof ALERT_KINDS)[number];
export const isMailKind = (kind: AlertKind): kind is MailKind => (ALERT_KINDS as readonly AlertKind[]).includes(kind);

/** Every kind the bell shows: the mail kinds plus drift (ads changed on the marketplace itself). */
export const BELL_KINDS = [...ALERT_KINDS, "DRIFT"] as const satisfies readonly AlertKind[];

/**
 * permission: who may act on it. informed: who else is told (in the bell only), with the names of
 * those who can act — staff who run syncs learn that a hold or a rejected token waits for an admin.
 */
export const ALERT_AUDIENCE: Record<AlertKind, { permission: Permission; platformAdmins: boolean; informed?: Permission }> = {
  TOKEN_REJECTED: { permission: "connections.manage", platformAdmins: true, informed: "syncs.run" },
  REMOVAL_HOLD: { permission: "syncs.confirmRemoval", platformAdmins: true, informed: "syncs.run" },
  LISTING_ERRORS: { permission: "listings.edit", platformAdmins: false },
  SYNC_FAILING: { permission: "syncs.run", platformAdmins: false },
  DRIFT: { permission: "listings.edit", platformAdmins: false },
};

/**
 * How a user relates to an alert of this kind at one dealer: "act" (they may resolve it),
 * "informed" (told, with who can act) or null (not for them). `role` is their membership there
 * (null when none); platform admins who are not members hear only of what only an admin resolves.
 */
export function reachOf(kind: AlertKind, role: Role | null, isPlatformAdmin: boolean): "act" | "informed" | null {
  const rule = ALERT_AUDIENCE[kind];
  if (can(role, rule.permission) || (isPlatformAdmin && rule.platformAdmins)) return "act";
  if (rule.informed && can(role, rule.informed)) return "informed";
  return null;
}

/** A car named by an alert: enough to show it and link to its page. */
export interface AlertCar { listingId?: string; reference: string; title: string }

/** What a condition's mail says, besides the dealer: names and counts only, never a secret. */
export interface ConditionDetails {
  connectionName: string;
  marketplace: string;
  /** Ads held back (REMOVAL_HOLD), cars in error (LISTING_ERRORS), failed runs in a row (SYNC_FAILING), changed ads (DRIFT). */
  count?: number;
  /** A few of the cars concerned: reference and title (and the listing, for links). */
  examples?: AlertCar[];
  /** For links: the connection (the subject of REMOVAL_HOLD is a run). */
  connectionId: string;
}

export interface FoundCondition {
  dealerId: string;
  kind: AlertKind;
  subjectId: string;
  details: ConditionDetails;
}
