/**
 * The marketplace contract. Each marketplace is one folder under lib/marketplaces/, in two halves:
 *
 * - `descriptor.ts` — client-safe (the editor's pre-flight runs it in the browser): id, names,
 *   currency, identity schema, pre-flight rules, payload mapping, dealer-facing texts (error
 *   vocabulary), declared capabilities and the official production URL.
 * - `runtime.ts` — server-only: builds the HTTP client and adapter from injected dependencies
 *   (rate budget, logger, settings). No `pg`, no Prisma, no `process.env` inside.
 *
 * The registry (lib/marketplaces/registry/) is the only code that maps an id to its module.
 * Everything else — the sync engine, polling, import, pre-flight, screens — asks a descriptor
 * for its capabilities and never compares a marketplace's name.
 */
import type { z } from "zod";
import type { ChannelOverrides, Listing } from "@/lib/listings/schema";
import type { RateBudget } from "./http";

/** A registered marketplace's id, as stored on a connection (e.g. OKASIE). */
export type MarketplaceId = string;

/** The account a connection publishes to, as the marketplace's module understands it. */
export interface MarketplaceIdentity {
  readonly marketplace: MarketplaceId;
  readonly [field: string]: string | null | undefined;
}

/** The connection columns a marketplace may use for its identity (a new marketplace reuses them). */
export const ACCOUNT_FIELDS = ["dealerProfileId", "dealerLocationCode", "dealerCode", "tokenScope"] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
export type AccountFields = { [K in AccountField]?: string | null };

/** Everything an adapter needs for one call. Never logged, never returned to a client. */
export interface ConnectionContext {
  /** Chosen by the server (lib/connections/endpoint.ts), never by a form. */
  baseUrl: string;
  /** Decrypted for this call only. */
  token: string;
  identity: MarketplaceIdentity;
  /** Key of the shared rate budget (e.g. a hash of the token); never the token itself. */
  budgetKey: string;
  signal?: AbortSignal;
}

export type Severity = "error" | "warning";

/** A field-level problem found before any network call, or reported by the marketplace. */
export interface Problem {
  /** Path in the canonical listing (e.g. "postalCode", "images.3"), or "" for the whole listing. */
  field: string;
  severity: Severity;
  code: string;
  message: string;
}

export interface PublishInput {
  listing: Listing;
  overrides?: ChannelOverrides | null;
  /** How the connection publishes (rehearsal, photo policy); only what its capabilities offer. */
  settings?: PublishSettings;
}

/**
 * Connection-wide publishing choices, for marketplaces whose descriptor declares them. They are
 * part of the payload (so changing one re-sends every ad) and never part of the listing.
 */
export interface PublishSettings {
  /** Capability `rehearsal`: send every ad hidden (only the dealer sees it; no charge). */
  rehearsal?: boolean;
  /** Capability `holdOnFailedImages`: an ad whose photo fails is not published without it. */
  holdOnFailedImages?: boolean;
}

export type PushResult = "accepted" | "live" | "rejected";

/** A marketplace's current view of one ad. */
export type RemoteStatus = "draft" | "pending" | "live" | "processing" | "sold" | "removed" | "error";

export interface PushOutcome {
  reference: string;
  result: PushResult;
  /** What the marketplace now shows for the ad, when the answer says (a `live` write). */
  remoteStatus?: RemoteStatus;
  /** Okasie listing id; Blocket ad id (uuid). */
  remoteId?: string | null;
  /** Extra ids: Blocket `blocket_ad_id`, `offer_id`, store id. */
  remoteIds?: Record<string, string | null>;
  /** Marketplace error code and message, when rejected. */
  code?: string;
  message?: string;
  /** Field-level issues the marketplace reported. */
  issues?: Problem[];
  /** Non-fatal warnings (skipped images and the like). */
  warnings?: Problem[];
  /** True when the failure is transient and a later attempt may succeed. */
  retryable?: boolean;
  /**
   * A success that changed nothing on the marketplace (e.g. removing an ad it no longer knows).
   * The engine stops assuming its own write shows among the marketplace's changes (lib/sync/fence.ts).
   */
  noop?: boolean;
}

/** One line of a marketplace's own per-ad action log (capability logMirroring). */
export interface AdLogEntry {
  remoteId: string;
  reference: string;
  requestId: string | null;
  action: string;
  state: string;
  message: string | null;
  at: string;
  /** Stable key of the line (the same line always gets the same key), for idempotent mirroring. */
  remoteLogId: string;
}

export interface RemoteAd {
  reference: string | null;
  remoteId: string;
  status: RemoteStatus;
  updatedAt: string | null;
  /** The ad's title on the marketplace, when it has one (shown in the import offer). */
  title?: string | null;
  remoteIds?: Record<string, string | null>;
  /** Last error the marketplace recorded for the ad (e.g. a failed action in its log). */
  error?: { action?: string; code?: string; message: string } | null;
  /** Log lines that came with the ad (logMirroring), oldest first. */
  log?: AdLogEntry[];
  /** False when `log` may be cut short: the complete log must be read with `logs()`. */
  logComplete?: boolean;
  /** The marketplace's own record, opaque outside its module (read back by `importExisting`). */
  raw?: unknown;
}

/**
 * What changed since an instant. An adapter may read from a little before `since` (clock skew,
 * late-visible writes: `readOverlapMs`); `exact` asks for exactly `since`, for a caller that
 * accounts for the overlap itself.
 */
export interface SinceQuery { since: string | null; exact?: boolean }

export type RemoteStateQuery = { references: string[] } | SinceQuery;

export type CheckStatus = "ok" | "unauthorized" | "missing_scope" | "unreachable" | "unexpected";

export interface CheckResult {
  ok: boolean;
  status: CheckStatus;
  /**
   * What the module found, in its own words. Shown only when `ok`; otherwise the connection
   * screens show the descriptor's text for `reason` (or `status`), never the remote's answer.
   */
  message: string;
  /** Key into the descriptor's `texts.check` for a more precise explanation than the status. */
  reason?: string;
  scopes?: string[];
  /** Identities the token reaches: Okasie profiles/locations, Blocket dealer codes. */
  identities?: { id: string; code?: string | null; name: string; parentId?: string | null }[];
}

/** Paid promotions a marketplace sells for an ad. */
export type PaidPromotion = "bump" | "polePosition";

/** What the marketplace's contract says about one paid promotion. */
export interface PromotionTerms {
  /** The price, when the marketplace's contract gives one (else the dealer's agreement decides). */
  price: number | null;
  /** How long it lasts once it took effect, when the contract says (pole position: 72 h). */
  durationHours: number | null;
  /** Only for registered vehicles (the descriptor decides what that means). */
  registeredOnly: boolean;
  /** Cannot be bought while one of these promotions is active on the ad. */
  blockedWhileActive: readonly PaidPromotion[];
  /** Whether it can be limited to some of the marketplace's channels (`promotionChannels`). */
  channelChoice: boolean;
  /** The action its lines carry in the ad's log (capability logMirroring), which tells when it took effect. */
  logAction: string;
}

/** Options of a promotion call: per reference, the marketplace's channels to leave out. */
export interface PromotionOptions {
  excludedChannels?: Readonly<Record<string, readonly string[]>>;
}

/** A field of a marketplace's ad that the canonical listing has no place for, reported on import. */
export interface NotKeptField {
  /** The marketplace's own name for it (e.g. "category_fields.lkf", "price.reduced"). */
  field: string;
  /** Its value as text, as the marketplace held it. */
  value: string;
  /** Catalog key of why it was not kept (lib/i18n/message.ts), e.g. "@imports.notKept.noField". */
  reason: string;
}

/** What a marketplace can do, declared once; the engine and the screens read only this. */
export interface MarketplaceCapabilities {
  /** Writes are queued by the marketplace (`accepted`); their final state must be polled. */
  asyncWrites: boolean;
  /** Every sync reads what changed since the last one (drift detection); otherwise only the first sync and reconciles read. */
  incrementalReads: boolean;
  /** Ads that exist only on the marketplace can become listings (`adapter.importExisting`). */
  importExisting: boolean;
  /** The marketplace keeps a per-ad action log that Forecourt mirrors (`RemoteAd.log`, `adapter.logs`). */
  logMirroring: boolean;
  /** Paid promotions offered (`adapter.bump`, `adapter.polePosition`). */
  paidPromotions: readonly PaidPromotion[];
  /** What taking an ad down leaves on the marketplace: an ad marked sold, or nothing. */
  removal: "sold" | "deleted";
  /** What an ad that is out there but not shown to buyers is on the marketplace: a draft, or an ad sent hidden (`visible: false`). */
  hiddenAs: "draft" | "invisible";
  /** Ads can be sent hidden for a rehearsal (only the dealer sees them, free), then go live (`PublishSettings.rehearsal`). */
  rehearsal?: boolean;
  /** The connection can ask that an ad with a failed photo is not published without it (`PublishSettings.holdOnFailedImages`). */
  holdOnFailedImages?: boolean;
  /**
   * Ads the dealer made outside the API (the marketplace's own back office) are taken over when
   * the same vehicle is first sent, matched by licence plate; Forecourt offers a migration.
   */
  adminMigration?: { matchedBy: "registrationNumber"; photosRequired: boolean; /** The back office's proper name ("Blocket Admin"). */ backOffice: string };
  /** Channels a promotion can leave out, per car (Blocket: its two marketplaces, Blocket and Bytbil). */
  promotionChannels?: readonly string[];
}

/** One field of the add-connection form that sets the connection's identity. */
export type IdentityFormField =
  /** Choose among the identities the token check found; `codeField` also stores the chosen one's code. */
  | { kind: "pick-identity"; field: AccountField; codeField?: AccountField; label: string; placeholder: string }
  | { kind: "text"; field: AccountField; label: string; placeholder: string }
  | { kind: "select"; field: AccountField; label: string; placeholder: string; options: { value: string; label: string }[] };

/**
 * Dealer-facing words of one marketplace, kept together so they move into the locale catalogs
 * in one step. Proper names (Okasie, Blocket) stay as they are in every language.
 */
export interface MarketplaceTexts {
  /** Name and country for choosing a marketplace, e.g. "Okasie (Belgium)". */
  title: string;
  /** Placeholder for a new connection's name. */
  connectionNamePlaceholder: string;
  /** Error code → what it means for the dealer and what to do. */
  errors: Record<string, string>;
  /** Connection-check outcomes by reason or status; fixed texts, never the remote's answer. */
  check: Record<Exclude<CheckStatus, "ok">, string> & Record<string, string>;
}

/** The client-safe half of a marketplace module. */
export interface MarketplaceDescriptor {
  id: MarketplaceId;
  /** Proper name ("Okasie", "Blocket/Bytbil"). */
  name: string;
  /** Short name for badges ("Okasie", "Blocket"). */
  label: string;
  /** A two-letter tag for tight spaces (chart labels). */
  tag: string;
  /** ISO 3166 country the marketplace serves. */
  country: string;
  /** Currency of its prices (one the canonical listing knows); a per-marketplace price override is in it. */
  currency: Listing["currency"];
  /** The production API; production connections always use it (chosen on the server). */
  officialBaseUrl: string;
  capabilities: MarketplaceCapabilities;
  identity: {
    /**
     * Validates the identity fields of a connection (issues carry the field as their path) and
     * returns the identity the adapter receives.
     */
    schema: z.ZodType<MarketplaceIdentity, AccountFields>;
    /** A stored connection's identity, without validation (a stored row was validated on save). */
    fromStored(fields: AccountFields): MarketplaceIdentity;
    /** The add-connection form's identity fields, in order. */
    form: IdentityFormField[];
    /** One line for admins: which account this connection is ("location DEX-GENT"). */
    describe(fields: AccountFields): string;
  };
  /** Terms of each paid promotion in `capabilities.paidPromotions`. */
  promotions?: Partial<Record<PaidPromotion, PromotionTerms>>;
  /** Whether a listing is a registered vehicle for this marketplace (plates, promotions restricted to them). */
  isRegistered?(listing: Listing): boolean;
  /** The marketplace's own rules as field-level problems, with no network call. */
  preflight(input: PublishInput, identity?: MarketplaceIdentity): Problem[];
  /** The exact wire payload a push sends; the engine hashes it for change detection. */
  payload(input: PublishInput, identity: MarketplaceIdentity): unknown;
  /**
   * Optional: a sent payload's content under the canonical listing's field names (`price`,
   * `images`, `mileage`…; `status` as a listing status, `visible` as a boolean), for the
   * field-by-field diff a dealer reads before a sync. Without it the diff names wire keys.
   */
  payloadFields?(payload: unknown): Record<string, unknown>;
  texts: MarketplaceTexts;
}

/** The server-side engine's view of a marketplace. Adapters are pure HTTP + mapping. */
export interface MarketplaceAdapter {
  readonly marketplace: MarketplaceId;
  /**
   * How many chunks of 100 the engine may have in flight: a bulk API (one request per chunk)
   * keeps the pacer busy with 2; an adapter that already fans out uses 1. Default 1.
   */
  readonly chunksInFlight?: number;
  check(connection: ConnectionContext): Promise<CheckResult>;
  push(inputs: PublishInput[], connection: ConnectionContext): Promise<PushOutcome[]>;
  /** Takes ads down; what remains is the descriptor's `capabilities.removal`. */
  remove(references: string[], connection: ConnectionContext): Promise<PushOutcome[]>;
  /** What the marketplace holds now, in few calls; `{since: null}` is every ad of the account. */
  remoteState(query: RemoteStateQuery, connection: ConnectionContext): Promise<RemoteAd[]>;

  /**
   * Optional: the same as remoteState({ since }), page by page, so a reader of a large account
   * never holds every ad at once.
   */
  remotePages?(query: SinceQuery, connection: ConnectionContext): AsyncIterable<RemoteAd[]>;

  /**
   * Optional: how many ads remoteState(query) would return, in one cheap call (Okasie: the
   * documented `pagination.totalItems` of a one-item page). Lets the engine check that what changed
   * since its cursor is only what it already knows (lib/sync/fence.ts) instead of re-reading it.
   */
  remoteCount?(query: SinceQuery, connection: ConnectionContext): Promise<number>;
  /** How far before `since` a non-exact read starts (see SinceQuery). Required with remoteCount. */
  readonly readOverlapMs?: number;

  // ---- capabilities (present exactly when the descriptor declares them) --------------------
  /** logMirroring: the complete log since `since`, oldest first. */
  logs?(reference: string, since: string | null, connection: ConnectionContext): Promise<AdLogEntry[]>;
  /** paidPromotions "bump"; a reference without excluded channels is promoted on every channel. */
  bump?(references: string[], connection: ConnectionContext, options?: PromotionOptions): Promise<PushOutcome[]>;
  /** paidPromotions "polePosition". */
  polePosition?(references: string[], connection: ConnectionContext, options?: PromotionOptions): Promise<PushOutcome[]>;
  /**
   * importExisting: the reverse mapping of a remote-only ad to a listing input (validated by the
   * caller), and what of the ad has no place in a listing (reported per ad, never dropped silently).
   */
  importExisting?: { toListing(ad: RemoteAd): unknown; notKept?(ad: RemoteAd): NotKeptField[] };
}

/** Request windows of a rate budget (see pacer.ts). */
export interface RateWindow {
  points: number;
  durationSec: number;
  exact?: boolean;
}

/** One HTTP attempt, for counting requests (tests, benchmarks, the run's request counter). */
export interface AttemptInfo {
  method: string;
  path: string;
  status: number | null;
  attempt: number;
  requestId: string;
}

/** Settings a runtime is built with; the registry fills them from lib/env.ts. */
export interface RuntimeSettings {
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Largest response body read, in bytes. */
  maxResponseBytes: number;
  /** Most pages one paged read may take. */
  maxPages: number;
  /** Parallel requests inside one adapter call, for adapters that fan out. */
  concurrency?: number;
}

/** What the server injects into a marketplace's runtime. */
export interface RuntimeDeps {
  /** The shared rate budget (PostgreSQL in the app and worker; memory in tools). */
  budget: RateBudget;
  /** One line per notable event (failed attempts); never holds a secret. */
  log: (line: string) => void;
  settings: RuntimeSettings;
  /** Called once per HTTP attempt. */
  onAttempt?: (info: AttemptInfo) => void;
}

/** The server-only half of a marketplace module. */
export interface MarketplaceRuntime {
  descriptor: MarketplaceDescriptor;
  /** The marketplace's documented (or our safe) request limits, per token. */
  rateWindows: RateWindow[];
  createAdapter(deps: RuntimeDeps): MarketplaceAdapter;
}
