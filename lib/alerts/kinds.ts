/**
 * The kinds of alert, and who may act on each: the permission from the matrix decides which
 * members hear of it. Platform admins (who hold the marketplace tokens) also hear of the kinds
 * only an admin can resolve.
 */
import type { Permission } from "@/lib/auth/permissions";
import type { AlertKind } from "@/lib/generated/prisma/enums";

export const ALERT_KINDS = ["TOKEN_REJECTED", "REMOVAL_HOLD", "LISTING_ERRORS", "SYNC_FAILING"] as const satisfies readonly AlertKind[];

export const ALERT_AUDIENCE: Record<AlertKind, { permission: Permission; platformAdmins: boolean }> = {
  TOKEN_REJECTED: { permission: "connections.manage", platformAdmins: true },
  REMOVAL_HOLD: { permission: "syncs.confirmRemoval", platformAdmins: true },
  LISTING_ERRORS: { permission: "listings.edit", platformAdmins: false },
  SYNC_FAILING: { permission: "syncs.run", platformAdmins: false },
};

/** What a condition's mail says, besides the dealer: names and counts only, never a secret. */
export interface ConditionDetails {
  connectionName: string;
  marketplace: string;
  /** Ads held back (REMOVAL_HOLD), cars in error (LISTING_ERRORS), failed runs in a row (SYNC_FAILING). */
  count?: number;
  /** A few of the failing cars: reference and title. */
  examples?: { reference: string; title: string }[];
  /** For links: the connection (the subject of REMOVAL_HOLD is a run). */
  connectionId: string;
}

export interface FoundCondition {
  dealerId: string;
  kind: AlertKind;
  subjectId: string;
  details: ConditionDetails;
}
