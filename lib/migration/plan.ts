/**
 * The migration plan: which Forecourt car takes over which of the dealer's existing back-office
 * ads (matched by licence plate, capability adminMigration), and what happens to everything that
 * does not match, on both sides. Pure: the same plan is shown in the preview and carried out by
 * the run (which computes it again from the database, never from the browser).
 *
 * Never a second ad: the marketplace links a car to an existing ad by its plate when the car is
 * first sent, so a car can only become a duplicate when it cannot be matched at all (no plate, or
 * a category without plates) or when two cars claim one plate — those are held back (kept off the
 * marketplace) unless the dealer says a car is not in the back office.
 */
import type { AdminAd } from "./admin-ads";
import { normalisePlate } from "./admin-ads";

export type CarOutcome =
  /** Sent with its plate: the marketplace attaches it to the existing ad. */
  | "takesOver"
  /** Sent as a new ad (no listed ad has its plate; if an unlisted one has, the marketplace links it). */
  | "new"
  /** Already on the marketplace through Forecourt: updated in place. */
  | "alreadyLinked"
  /** Kept off: it cannot be matched (no plate / no plates in its category) — could become a second ad. */
  | "heldNoPlate"
  /** Kept off: the marketplace needs the photos when an existing ad is taken over. */
  | "heldNoPhotos"
  /** Kept off: another car has the same plate. */
  | "heldDuplicatePlate"
  /** Sent as a new ad because the dealer said it has no back-office ad. */
  | "newConfirmed"
  /** Not for sale in Forecourt (draft, sold, or switched off for this marketplace): not sent; its back-office ad stays. */
  | "notSent";

export interface PlanCar {
  listingId: string;
  reference: string;
  title: string;
  plate: string | null;
  outcome: CarOutcome;
  /** The back-office ad it takes over (or that stays because the car is not sent). */
  adminAd: AdminAd | null;
}

export interface MigrationPlan {
  cars: PlanCar[];
  /** Listed ads no car has the plate of: left exactly as they are in the back office. */
  unmatchedAdminAds: AdminAd[];
  counts: Record<CarOutcome, number> & { unmatchedAdminAds: number };
}

export interface PlanListing {
  id: string;
  reference: string;
  title: string;
  status: "DRAFT" | "ACTIVE" | "RESERVED" | "SOLD";
  registrationNumber: string | null;
  imageCount: number;
  /** A registered vehicle for this marketplace (one with plates). */
  registered: boolean;
  /** `heldByMigration`: switched off by an earlier migration run (not by the dealer), so planned again. */
  publication: { enabled: boolean; remoteId: string | null; state: string; heldByMigration: boolean } | null;
}

export interface PlanOptions {
  /** The marketplace needs photos when it takes over an existing ad. */
  photosRequired: boolean;
  /** Cars the dealer confirmed have no back-office ad: sent as new although they cannot be matched. */
  confirmedNew: ReadonlySet<string>;
}

const OUTCOMES: CarOutcome[] = ["takesOver", "new", "alreadyLinked", "heldNoPlate", "heldNoPhotos", "heldDuplicatePlate", "newConfirmed", "notSent"];

export function planMigration(listings: PlanListing[], adminAds: AdminAd[], options: PlanOptions): MigrationPlan {
  const adsByPlate = new Map(adminAds.map((a) => [a.plate, a]));
  const platesInUse = new Map<string, number>();
  for (const l of listings) {
    if (l.status === "SOLD" || !l.registrationNumber) continue;
    const plate = normalisePlate(l.registrationNumber);
    platesInUse.set(plate, (platesInUse.get(plate) ?? 0) + 1);
  }
  const matched = new Set<string>();
  const cars: PlanCar[] = [];
  for (const l of listings) {
    const plate = l.registrationNumber ? normalisePlate(l.registrationNumber) : null;
    const adminAd = plate && l.registered ? adsByPlate.get(plate) ?? null : null;
    const forSale = (l.status === "ACTIVE" || l.status === "RESERVED") && (l.publication?.enabled !== false || l.publication.heldByMigration);
    const sentBefore = !!l.publication && (l.publication.remoteId !== null || l.publication.state === "LIVE" || l.publication.state === "ACCEPTED");
    let outcome: CarOutcome;
    if (!forSale) {
      // Only worth showing when it matches a listed ad (that ad stays as it is).
      if (!adminAd) continue;
      outcome = "notSent";
    } else if (sentBefore) outcome = "alreadyLinked";
    else if (plate && l.registered && (platesInUse.get(plate) ?? 0) > 1) outcome = "heldDuplicatePlate";
    else if (!plate || !l.registered) outcome = options.confirmedNew.has(l.id) ? "newConfirmed" : "heldNoPlate";
    else if (adminAd) outcome = options.photosRequired && l.imageCount === 0 ? "heldNoPhotos" : "takesOver";
    else outcome = "new";
    if (adminAd && outcome !== "heldDuplicatePlate") matched.add(adminAd.plate);
    cars.push({ listingId: l.id, reference: l.reference, title: l.title, plate, outcome, adminAd: outcome === "heldDuplicatePlate" ? null : adminAd });
  }
  const unmatchedAdminAds = adminAds.filter((a) => !matched.has(a.plate));
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as MigrationPlan["counts"];
  for (const c of cars) counts[c.outcome] += 1;
  counts.unmatchedAdminAds = unmatchedAdminAds.length;
  // The most important first: what takes over, what is held, then the rest.
  const order = new Map<CarOutcome, number>([["heldDuplicatePlate", 0], ["heldNoPhotos", 1], ["heldNoPlate", 2], ["takesOver", 3], ["newConfirmed", 4], ["new", 5], ["alreadyLinked", 6], ["notSent", 7]]);
  cars.sort((a, b) => order.get(a.outcome)! - order.get(b.outcome)! || a.reference.localeCompare(b.reference));
  return { cars, unmatchedAdminAds, counts };
}

export const HELD: ReadonlySet<CarOutcome> = new Set(["heldNoPlate", "heldNoPhotos", "heldDuplicatePlate"]);
