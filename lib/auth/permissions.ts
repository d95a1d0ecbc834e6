/**
 * The permission matrix: which dealer role may do what. The one place roles are decided; every
 * server action and page checks it on the server. Platform admins act as ADMIN of every dealer.
 */
import type { Role } from "@/lib/generated/prisma/enums";

const ALL = ["ADMIN", "STAFF", "VIEWER"] as const satisfies readonly Role[];
const EDITORS = ["ADMIN", "STAFF"] as const satisfies readonly Role[];
const ADMINS = ["ADMIN"] as const satisfies readonly Role[];

export const PERMISSIONS = {
  "dealer.view": ALL,
  "listings.view": ALL,
  "listings.edit": EDITORS,
  "listings.delete": ADMINS,
  "syncs.view": ALL,
  "syncs.run": EDITORS,
  "syncs.confirmRemoval": ADMINS,
  "activity.view": ALL,
  "connections.view": ALL,
  "connections.manage": ADMINS,
  // Choosing which cars a marketplace publishes (lib/publications/enrolment.ts): the editors, who
  // already switch a marketplace on or off per car. Adding the connection stays with admins.
  "publications.enrol": EDITORS,
  "settings.view": ALL,
  // How new cars are numbered (lib/listings/reference-numbers.ts): one pattern for the whole dealer.
  "settings.numbering": ADMINS,
  // Invite, re-role, remove and reset the passwords of the dealer's own staff and viewers (lib/team).
  "team.manage": ADMINS,
  // The dealer's own audit trail (who changed what); platform admins read every dealer's at /admin/audit.
  "audit.view": ADMINS,
  // Paid promotions (bump, pole position) spend the dealer's money: staff may, within the monthly
  // budget only an admin sets (docs/decisions/blocket-complete.md); viewers see their state.
  "promotions.view": ALL,
  "promotions.buy": EDITORS,
  "promotions.budget": ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", STAFF: "Staff", VIEWER: "Viewer" };
