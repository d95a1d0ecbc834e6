/**
 * The one state a dealer reads for a car on a marketplace, derived from what we store (state,
 * enabled, sent or never sent, the marketplace's last status, the last error) and what the
 * marketplace module declares (capabilities `asyncWrites`, `removal`, `hiddenAs`). The car page,
 * the grid (badge and filter), the overview counts and the activity words all use it, so each
 * marketplace shows only the states it can have:
 *
 * - notSent     never sent (a draft car, or one held back by its own problems: `blocked`)
 * - off         turned off for this car, nothing out there
 * - waiting     waiting to send: the next sync sends it
 * - processing  sent — waiting for the marketplace (only where writes are queued there: Blocket)
 * - live        online
 * - hidden      out there but unseen by buyers (Okasie: a draft; Blocket: `visible: false`)
 * - sold        marked sold on the marketplace, which keeps it (removal "sold": Okasie)
 * - deleted     deleted on the marketplace (removal "deleted": Blocket)
 * - failed      the marketplace refused it or could not be reached; its words are shown
 *
 * Pure and client-safe. `shownStateWhere` (shown-state-where.ts) is the same rule as a database
 * filter, built from this function; tests/publications/states-vocabulary.test.ts checks they agree.
 */
import type { MarketplaceCapabilities } from "@/lib/marketplaces/types";

export const SHOWN_STATES = ["notSent", "off", "waiting", "processing", "live", "hidden", "sold", "deleted", "failed"] as const;
export type ShownState = (typeof SHOWN_STATES)[number];

/** The capabilities the states depend on. */
export type StateCapabilities = Pick<MarketplaceCapabilities, "asyncWrites" | "removal" | "hiddenAs">;

/** The error code of pre-flight problems (lib/sync/plan.ts): our rules, nothing reached the marketplace. */
export const PREFLIGHT_CODE = "PREFLIGHT";

export interface PublicationFacts {
  /** The stored PublicationState; null when the car has no publication row there yet. */
  state: string | null;
  enabled: boolean;
  sentAt: Date | string | null;
  remoteId: string | null;
  /** The marketplace's last status for the ad (RemoteStatus, or "deleting" while a removal is queued). */
  remoteStatus: string | null;
  lastErrorCode: string | null;
}

export interface Shown {
  state: ShownState;
  /** Our own checks held the latest version back (pre-flight problems); what is out there is older. */
  blocked: boolean;
  /** A removal is on its way (processing: the marketplace has queued the deletion). */
  removing: boolean;
}

/** Which states a marketplace can show at all, in the order the filter offers them. */
export function statesOf(caps: StateCapabilities): ShownState[] {
  return SHOWN_STATES.filter((s) => (s === "processing" ? caps.asyncWrites : s === "sold" ? caps.removal === "sold" : s === "deleted" ? caps.removal === "deleted" : true));
}

const FOR_SALE = new Set(["ACTIVE", "RESERVED", "active", "reserved"]);

export function shownState(p: PublicationFacts | null, listingStatus: string, caps: StateCapabilities): Shown {
  const result = (state: ShownState, extra: Partial<Shown> = {}): Shown => ({ state, blocked: false, removing: false, ...extra });
  const enabled = p?.enabled ?? true;
  const sent = !!p && (p.sentAt !== null || p.remoteId !== null);
  // Nothing of ours out there: what happens next depends on the car, not on the marketplace.
  const unsent = (blocked: boolean) => (!enabled ? result("off") : blocked || !FOR_SALE.has(listingStatus) ? result("notSent", { blocked }) : result("waiting"));
  if (!p || p.state === null || (!enabled && !sent)) return unsent(false);

  switch (p.state) {
    case "QUEUED":
      return result("waiting");
    case "ERROR":
      // Our own rules held it back: never "refused" — nothing was sent. If an older version is out there, say where it stands.
      if (p.lastErrorCode === PREFLIGHT_CODE) return sent ? { ...fromRemote(p.remoteStatus, caps), blocked: true } : unsent(true);
      return result("failed");
    case "ACCEPTED":
      return caps.asyncWrites ? result("processing", { removing: p.remoteStatus === "deleting" }) : result("live");
    case "LIVE":
      return fromRemote(p.remoteStatus, caps);
    case "NOT_PUBLISHED":
      return sent ? result("hidden") : unsent(false);
    case "REMOVED":
      return result(caps.removal === "sold" ? "sold" : "deleted");
    default:
      return sent ? fromRemote(p.remoteStatus, caps) : unsent(false);
  }
}

/** Where an ad that is out there stands, from the marketplace's last word on it. */
function fromRemote(remoteStatus: string | null, caps: StateCapabilities): Shown {
  const result = (state: ShownState): Shown => ({ state, blocked: false, removing: false });
  switch (remoteStatus) {
    case "draft":
      return result("hidden");
    // Taken down on the marketplace itself: what remains is what the marketplace keeps.
    case "sold":
    case "removed":
      return result(caps.removal === "sold" ? "sold" : "deleted");
    case "processing":
    case "deleting":
      return caps.asyncWrites ? { state: "processing", blocked: false, removing: remoteStatus === "deleting" } : result("live");
    default:
      return result("live");
  }
}

/** The remote statuses the rule tells apart; any other value (or none) counts as "other". */
export const REMOTE_CLASSES = ["draft", "sold", "removed", "processing", "deleting"] as const;

/** A colour per state, for badges. */
export const SHOWN_TONE: Record<ShownState, "gray" | "green" | "amber" | "blue" | "red"> = {
  notSent: "gray", off: "gray", waiting: "blue", processing: "blue", live: "green", hidden: "amber", sold: "blue", deleted: "gray", failed: "red",
};

type WordKey = Exclude<ShownState, "hidden"> | "hiddenDraft" | "hiddenInvisible";
type ExplainKey = WordKey | "removing" | "notSentBlocked" | "blocked";

/**
 * Catalog keys (namespace `publication`) of a state's words for one marketplace: `shown.*` takes
 * `{marketplace}` ("Sold on Okasie"), `short.*` is the badge word beside the marketplace's label,
 * `explain.*` says what it means and what happens next.
 */
export function shownWords(s: Shown, caps: StateCapabilities): { label: `shown.${WordKey}`; short: `short.${WordKey}`; explain: `explain.${ExplainKey}` } {
  const key: WordKey = s.state === "hidden" ? (caps.hiddenAs === "draft" ? "hiddenDraft" : "hiddenInvisible") : s.state;
  const explain: ExplainKey = s.removing ? "removing" : s.blocked ? (s.state === "notSent" ? "notSentBlocked" : "blocked") : key;
  return { label: `shown.${key}`, short: `short.${key}`, explain: `explain.${explain}` };
}

export type OutcomeWord = "sentWaiting" | "accepted" | "markedSold" | "deleted" | "notSent" | "failed";
export const OUTCOME_TONE: Record<OutcomeWord, "gray" | "green" | "amber" | "blue" | "red"> = {
  sentWaiting: "blue", accepted: "green", markedSold: "blue", deleted: "gray", notSent: "amber", failed: "red",
};

/**
 * One of our sync's writes in the activity timeline, in the marketplace's terms (catalog key
 * `publication.outcome.*`, with `{marketplace}`): a queued write is "sent — waiting", a removal is
 * what the marketplace keeps, and a car our own checks held back was "not sent", never "refused".
 * Null for entries the generic words describe (skips).
 */
export function syncOutcomeWord(action: string, outcome: string, caps: StateCapabilities): OutcomeWord | null {
  if (action === "preflight") return "notSent";
  if (outcome === "failed") return "failed";
  if (outcome !== "ok") return null;
  if (caps.asyncWrites) return "sentWaiting";
  if (action === "remove") return caps.removal === "sold" ? "markedSold" : "deleted";
  return "accepted";
}
