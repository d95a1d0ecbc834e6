/**
 * Blocket/Bytbil (Sweden, Pro Import API v4), the client-safe half: what the editor, the screens
 * and the engine may know without any network code. The server half is runtime.ts.
 */
import type { MarketplaceDescriptor } from "../types";
import { blocketIdentityOf, blocketIdentitySchema, BLOCKET_ID } from "./identity";
import { payloadFields, toBlocketPayload } from "./map";
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
    // Not yet: the reverse mapping (Blocket ad → listing) is still to be written.
    importExisting: false,
    logMirroring: true,
    paidPromotions: ["bump", "polePosition"],
    removal: "deleted",
  },
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
  payload: (input, identity) => toBlocketPayload(input.listing, input.overrides, identity),
  payloadFields,
  texts: {
    title: BLOCKET_TEXTS.title,
    connectionNamePlaceholder: BLOCKET_TEXTS.connectionNamePlaceholder,
    errors: BLOCKET_TEXTS.errors,
    check: BLOCKET_TEXTS.check,
  },
};
