/**
 * The adapter contract. The sync engine sees a marketplace only through this shape; adapters are
 * pure HTTP + mapping (no Prisma), and receive the decrypted token for one call only.
 */
import type { ChannelOverrides, Listing } from "@/lib/listings/schema";

export type MarketplaceId = "OKASIE" | "BLOCKET";

/** Okasie: a dealer profile or a location code. Blocket: the dealer code and the token's scope. */
export type MarketplaceIdentity =
  | { marketplace: "OKASIE"; dealerProfileId?: string | null; dealerLocationCode?: string | null }
  | { marketplace: "BLOCKET"; dealerCode: string; tokenScope: "dealer_code" | "dealer_group" };

/** Everything an adapter needs for one call. Never logged, never returned to a client. */
export interface ConnectionContext {
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
}

export type PushResult = "accepted" | "live" | "rejected";

export interface PushOutcome {
  reference: string;
  result: PushResult;
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
}

/** A marketplace's current view of one ad. */
export type RemoteStatus = "draft" | "pending" | "live" | "processing" | "sold" | "removed" | "error";

export interface RemoteAd {
  reference: string | null;
  remoteId: string;
  status: RemoteStatus;
  updatedAt: string | null;
  remoteIds?: Record<string, string | null>;
  /** Last error the marketplace recorded for the ad (Blocket action log). */
  error?: { action?: string; code?: string; message: string } | null;
  /** Marketplace's raw record, for import of remote-only listings. */
  raw?: unknown;
}

export type RemoteStateQuery = { references: string[] } | { since: string | null };

export interface CheckResult {
  ok: boolean;
  /** "ok" | "unauthorized" | "missing_scope" | "unreachable" | "unexpected" */
  status: "ok" | "unauthorized" | "missing_scope" | "unreachable" | "unexpected";
  message: string;
  scopes?: string[];
  /** Identities the token reaches: Okasie profiles/locations, Blocket dealer codes. */
  identities?: { id: string; code?: string | null; name: string; parentId?: string | null }[];
}

export interface AdLogEntry {
  remoteId: string;
  reference: string;
  requestId: string | null;
  action: string;
  state: string;
  message: string | null;
  at: string;
  remoteLogId?: string | null;
}

export interface MarketplaceAdapter {
  readonly marketplace: MarketplaceId;
  check(connection: ConnectionContext): Promise<CheckResult>;
  /** The marketplace's own rules as field-level problems, with no network call. */
  preflight(input: PublishInput, identity?: MarketplaceIdentity): Problem[];
  /** The exact wire payload push would send; the engine hashes it for change detection. */
  payload(input: PublishInput, identity: MarketplaceIdentity): unknown;
  push(inputs: PublishInput[], connection: ConnectionContext): Promise<PushOutcome[]>;
  remove(references: string[], connection: ConnectionContext): Promise<PushOutcome[]>;
  remoteState(query: RemoteStateQuery, connection: ConnectionContext): Promise<RemoteAd[]>;

  /**
   * Optional: the same as remoteState({ since }) (or importExisting when `since` is null), page
   * by page, so a reader of a large account never holds every ad at once.
   */
  remotePages?(query: { since: string | null }, connection: ConnectionContext): AsyncIterable<RemoteAd[]>;

  /** Optional capabilities, declared by the adapter. */
  logs?(reference: string, since: string | null, connection: ConnectionContext): Promise<AdLogEntry[]>;
  bump?(references: string[], connection: ConnectionContext): Promise<PushOutcome[]>;
  polePosition?(references: string[], connection: ConnectionContext): Promise<PushOutcome[]>;
  importExisting?(connection: ConnectionContext): Promise<RemoteAd[]>;
}
