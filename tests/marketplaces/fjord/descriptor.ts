/**
 * "Fjord", a made-up third marketplace, client-safe half — written the way a real module would be,
 * to prove that a new marketplace is a folder and a registry line. Its account is an id kept in
 * the connection's `dealerCode` column.
 */
import { z } from "zod";
import type { AccountFields, MarketplaceDescriptor, MarketplaceIdentity, Problem, PublishInput } from "@/lib/marketplaces/types";

export const FJORD_ID = "FJORD";

export interface FjordPayload {
  ref: string;
  title: string;
  price: number | null;
  visible: boolean;
  images: string[];
  make: string | null;
}

const identityOf = (f: AccountFields): MarketplaceIdentity => ({ marketplace: FJORD_ID, account: f.dealerCode ?? "" });

export function fjordPayload({ listing, overrides }: PublishInput): FjordPayload {
  return {
    ref: listing.reference,
    title: overrides?.title ?? listing.title,
    price: overrides?.price ?? listing.price ?? null,
    visible: listing.status === "active" || listing.status === "reserved",
    images: listing.images,
    make: listing.make ?? null,
  };
}

export function fjordPreflight({ listing, overrides }: PublishInput): Problem[] {
  const out: Problem[] = [];
  if ((listing.status === "active" || listing.status === "reserved") && (overrides?.price ?? listing.price) == null) {
    out.push({ field: "price", severity: "error", code: "FJ_PRICE", message: "Fjord needs a price." });
  }
  if (listing.images.length === 0) out.push({ field: "images", severity: "warning", code: "FJ_NO_PHOTOS", message: "Fjord shows ads without photos last." });
  return out;
}

export function fjordDescriptor(officialBaseUrl: string): MarketplaceDescriptor {
  return {
    id: FJORD_ID,
    name: "Fjord Motor",
    label: "Fjord",
    tag: "FJ",
    country: "NO",
    currency: "EUR",
    officialBaseUrl,
    capabilities: { asyncWrites: true, incrementalReads: true, importExisting: true, logMirroring: true, paidPromotions: ["bump"], removal: "deleted", hiddenAs: "invisible" },
    identity: {
      schema: z
        .object({ dealerCode: z.string().trim().regex(/^FJ-\d+$/, "Enter the Fjord account, e.g. FJ-1.").nullish() })
        .superRefine((v, ctx) => { if (!v.dealerCode) ctx.addIssue({ code: "custom", path: ["dealerCode"], message: "Enter the Fjord account, e.g. FJ-1." }); })
        .transform((v) => identityOf(v)),
      fromStored: identityOf,
      form: [{ kind: "text", field: "dealerCode", label: "Fjord account", placeholder: "FJ-1" }],
      describe: (f) => `account ${f.dealerCode}`,
    },
    preflight: fjordPreflight,
    payload: (input) => fjordPayload(input),
    texts: {
      title: "Fjord Motor (Norway)",
      connectionNamePlaceholder: "Fjord — Oslo",
      errors: { FJ_PRICE: "Fjord needs a price for a car that is for sale." },
      check: {
        unauthorized: "Fjord refused the key.",
        missing_scope: "The Fjord key may not publish.",
        unreachable: "Fjord could not be reached.",
        unexpected: "Fjord answered unexpectedly.",
      },
    },
  };
}
