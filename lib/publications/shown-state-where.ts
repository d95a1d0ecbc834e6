/**
 * `shownState` as a database filter on listings: "cars that show <state> on this connection". Built
 * by running `shownState` over every combination of the facts it reads (a few hundred), then
 * merging the combinations that match into a handful of clauses, so the filter can never disagree
 * with what the badge says.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { PREFLIGHT_CODE, REMOTE_CLASSES, shownState, type ShownState, type StateCapabilities } from "./shown-state";

const STORED = [null, "NOT_PUBLISHED", "QUEUED", "ACCEPTED", "LIVE", "ERROR", "REMOVED"] as const;
const LISTING = ["DRAFT", "ACTIVE", "RESERVED", "SOLD"] as const;
const REMOTE = [...REMOTE_CLASSES, "other"] as const;
const BOOL = [true, false] as const;

interface Clause {
  state: Set<(typeof STORED)[number]>;
  enabled: Set<boolean>;
  sent: Set<boolean>;
  remote: Set<(typeof REMOTE)[number]>;
  preflight: Set<boolean>;
  listing: Set<(typeof LISTING)[number]>;
}
type Dim = keyof Clause;
const DIMS: Dim[] = ["remote", "listing", "preflight", "sent", "enabled", "state"];
const ALL: { [K in Dim]: readonly unknown[] } = { state: STORED, enabled: BOOL, sent: BOOL, remote: REMOTE, preflight: BOOL, listing: LISTING };

/** Every combination of facts that shows `wanted`, merged into product clauses (each dimension a set). */
export function shownStateClauses(wanted: ShownState, caps: StateCapabilities): Clause[] {
  let clauses: Clause[] = [];
  for (const state of STORED) for (const enabled of BOOL) for (const sent of BOOL) for (const remote of REMOTE) for (const preflight of BOOL) for (const listing of LISTING) {
    const facts = state === null ? null : {
      state, enabled, sentAt: sent ? new Date(0) : null, remoteId: null, remoteStatus: remote === "other" ? null : remote, lastErrorCode: preflight ? PREFLIGHT_CODE : null,
    };
    if (shownState(facts, listing, caps).state !== wanted) continue;
    clauses.push({ state: new Set([state]), enabled: new Set([enabled]), sent: new Set([sent]), remote: new Set([remote]), preflight: new Set([preflight]), listing: new Set([listing]) });
  }
  // Merge clauses that differ in one dimension only, until nothing merges.
  for (let changed = true; changed;) {
    changed = false;
    for (const dim of DIMS) {
      const groups = new Map<string, Clause>();
      for (const c of clauses) {
        const key = DIMS.filter((d) => d !== dim).map((d) => [...c[d]].map(String).sort().join(",")).join("|");
        const seen = groups.get(key);
        if (!seen) { groups.set(key, { ...c, [dim]: new Set<unknown>(c[dim] as Set<unknown>) }); continue; }
        for (const v of c[dim] as Set<unknown>) (seen[dim] as Set<unknown>).add(v);
        changed = true;
      }
      clauses = [...groups.values()];
    }
  }
  return clauses;
}

const full = (c: Clause, d: Dim) => c[d].size === ALL[d].length;

function publicationWhere(c: Clause): Prisma.PublicationWhereInput[] {
  const and: Prisma.PublicationWhereInput[] = [];
  const stored = [...c.state].filter((s) => s !== null);
  and.push({ state: { in: stored } });
  if (!full(c, "enabled")) and.push({ enabled: c.enabled.has(true) });
  if (!full(c, "sent")) and.push(c.sent.has(true) ? { OR: [{ sentAt: { not: null } }, { remoteId: { not: null } }] } : { sentAt: null, remoteId: null });
  if (!full(c, "preflight")) and.push(c.preflight.has(true) ? { lastErrorCode: PREFLIGHT_CODE } : { OR: [{ lastErrorCode: null }, { lastErrorCode: { not: PREFLIGHT_CODE } }] });
  if (!full(c, "remote")) {
    const named = [...c.remote].filter((r) => r !== "other");
    const or: Prisma.PublicationWhereInput[] = [];
    if (named.length) or.push({ remoteStatus: { in: named } });
    if (c.remote.has("other")) or.push({ remoteStatus: null }, { remoteStatus: { notIn: [...REMOTE_CLASSES] } });
    and.push({ OR: or });
  }
  return and;
}

/** Listings of this dealer that show `wanted` on the connection. */
export function shownStateWhere(dealerId: string, connectionId: string, wanted: ShownState, caps: StateCapabilities): Prisma.ListingWhereInput {
  const or: Prisma.ListingWhereInput[] = [];
  for (const c of shownStateClauses(wanted, caps)) {
    const listing: Prisma.ListingWhereInput = full(c, "listing") ? {} : { status: { in: [...c.listing] } };
    // No publication row yet: only the car's own status counts.
    if (c.state.has(null)) or.push({ ...listing, publications: { none: { dealerId, connectionId } } });
    if ([...c.state].some((s) => s !== null)) or.push({ ...listing, publications: { some: { dealerId, connectionId, AND: publicationWhere(c) } } });
  }
  return or.length ? { OR: or } : { id: { in: [] } };
}
