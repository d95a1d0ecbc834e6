/** In-memory state of the Okasie simulator (okasie.md §5.2/§5.4). */

export type OkasieStatus = "active" | "pending" | "sold" | "draft";
export const STATUSES: readonly OkasieStatus[] = ["active", "pending", "sold", "draft"];
export const SCOPES = ["read:listings", "read:locations", "write:listings"] as const;
export type Scope = (typeof SCOPES)[number];

export interface Partner {
  id: string;
  name: string;
}

export interface ApiKey {
  secret: string;
  partnerId: string;
  scopes: Scope[];
  access: { scope: "global" | "restricted"; rootProfileIds: string[] };
}

export interface DealerProfile {
  id: string;
  parentId: string | null;
  locationCode: string;
  companyName: string;
  fullName: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  province: string | null;
  logoUrl: string | null;
  metadata: Record<string, unknown>;
  avgActivePrevMonth: number | null;
  updatedAt: number;
}

export interface StoredImage {
  url: string;
  position: number;
  /** The partner's original URL; only /__sim/state shows it. */
  sourceUrl: string;
}

export interface StoredFeature {
  category: string | null;
  name: string;
}

/** Scalar listing fields as stored (canonical names; null when absent). */
export type ListingFields = Record<string, string | number | boolean | null>;

export interface StoredListing {
  id: string;
  slug: string;
  /** The creating partner; null for dashboard listings. */
  partnerId: string | null;
  externalReference: string | null;
  dealerProfileId: string;
  status: OkasieStatus;
  fields: ListingFields;
  conditionTags: string[];
  features: StoredFeature[];
  images: StoredImage[];
  createdAt: number;
  updatedAt: number;
  soldAt: number | null;
}

export interface Issue {
  path: string;
  message: string;
  code: "invalid_type" | "invalid_enum_value" | "too_small" | "too_big" | "invalid_string" | "custom";
}
