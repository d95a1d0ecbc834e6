/**
 * Blocket/Bytbil (Sweden, Pro Import API v4), the client-safe half: what the editor, the screens
 * and the engine may know without any network code. The server half is runtime.ts.
 */
import type { MarketplaceDescriptor } from "../types";
import { blocketIdentityOf, blocketIdentitySchema, BLOCKET_ID } from "./identity";
import { categoryOf, payloadFields, toBlocketPayload } from "./map";
import { blocketPreflight } from "./rules";
import { BLOCKET_TEXTS } from "./texts";

export const BLOCKET_PRODUCTION_URL = "https://api.blocket.se/pro-import-api";

export const blocket: MarketplaceDescriptor = {
  id: BLOCKET_ID,
  name: "Blocket/Bytbil",
  label: "Blocket",
  tag: "BL",
  country: "SE",
  currency: "SEK",
  officialBaseUrl: BLOCKET_PRODUCTION_URL,
  capabilities: {
    // Every write is queued by Blocket; its action log says when it is published or failed.
    asyncWrites: true,
    incrementalReads: false,
    // import.ts maps a Blocket ad back to a listing and reports what has no place in one.
    importExisting: true,
    logMirroring: true,
    paidPromotions: ["bump", "polePosition"],
    removal: "deleted",
    // §1.8: visible=false keeps the ad in the API, published nowhere.
    hiddenAs: "invisible",
    // §1.8: visible=false is the documented way to test in production (never published, free).
    rehearsal: true,
    // §2.2.1 dont_publish_on_failed_images.
    holdOnFailedImages: true,
    // §4.1: Blocket Admin ads are re-submitted with POST (image_urls required) and matched by plate.
    adminMigration: { matchedBy: "registrationNumber", photosRequired: true, backOffice: "Blocket Admin" },
    // §2.9: a renewal of a registered vehicle can leave out Blocket or Bytbil (exclude_blocket / exclude_bytbil).
    promotionChannels: ["blocket", "bytbil"],
  },
  // §4.3–§4.5: both are charged; the API gives no price (the dealer's agreement with Blocket does).
  promotions: {
    bump: { price: null, durationHours: null, registeredOnly: false, blockedWhileActive: ["polePosition"], channelChoice: true, logAction: "bump" },
    polePosition: { price: null, durationHours: 72, registeredOnly: true, blockedWhileActive: ["polePosition"], channelChoice: false, logAction: "boost" },
  },
  isRegistered: (listing) => categoryOf(listing).registered,
  identity: {
    schema: blocketIdentitySchema,
    fromStored: blocketIdentityOf,
    form: [
      { kind: "text", field: "dealerCode", label: BLOCKET_TEXTS.identity.dealerCodeLabel, placeholder: BLOCKET_TEXTS.identity.dealerCodePlaceholder },
      { kind: "select", field: "tokenScope", label: BLOCKET_TEXTS.identity.scopeLabel, placeholder: BLOCKET_TEXTS.identity.scopePlaceholder, options: BLOCKET_TEXTS.identity.scopeOptions },
    ],
    describe: (f) => BLOCKET_TEXTS.identity.describe(f.dealerCode ?? "", f.tokenScope ?? ""),
  },
  preflight: (input, identity) => blocketPreflight(input, identity),
  payload: (input, identity) => toBlocketPayload(input.listing, input.overrides, identity, input.settings),
  payloadFields,
  texts: {
    title: BLOCKET_TEXTS.title,
    connectionNamePlaceholder: BLOCKET_TEXTS.connectionNamePlaceholder,
    errors: BLOCKET_TEXTS.errors,
    check: BLOCKET_TEXTS.check,
  },
};
