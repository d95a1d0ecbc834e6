/**
 * Okasie (Belgium, Partner API v1), the client-safe half: what the editor, the screens and the
 * engine may know without any network code. The server half is runtime.ts.
 */
import type { MarketplaceDescriptor } from "../types";
import { okasieIdentityOf, okasieIdentitySchema, OKASIE_ID } from "./identity";
import { payloadFields, toWire } from "./map";
import { okasieProblems } from "./rules";
import { OKASIE_TEXTS } from "./texts";

export const OKASIE_PRODUCTION_URL = "https://www.okasie.be/api/external/v1";

export const okasie: MarketplaceDescriptor = {
  id: OKASIE_ID,
  name: "Okasie",
  label: "Okasie",
  tag: "OK",
  country: "BE",
  currency: "EUR",
  officialBaseUrl: OKASIE_PRODUCTION_URL,
  capabilities: {
    asyncWrites: false,
    incrementalReads: true,
    importExisting: true,
    logMirroring: false,
    paidPromotions: [],
    removal: "sold",
    // A listing sent with status draft stays on Okasie, unseen by buyers.
    hiddenAs: "draft",
  },
  identity: {
    schema: okasieIdentitySchema,
    fromStored: okasieIdentityOf,
    form: [{ kind: "pick-identity", field: "dealerProfileId", codeField: "dealerLocationCode", label: OKASIE_TEXTS.identity.pickLabel, placeholder: OKASIE_TEXTS.identity.pickPlaceholder }],
    describe: (f) => (f.dealerLocationCode ? OKASIE_TEXTS.identity.describeLocation(f.dealerLocationCode) : OKASIE_TEXTS.identity.describeProfile(f.dealerProfileId ?? "")),
  },
  preflight: (input, identity) => okasieProblems(input, identity),
  payload: (input, identity) => toWire(input.listing, input.overrides, identity, true),
  payloadFields,
  texts: {
    title: OKASIE_TEXTS.title,
    connectionNamePlaceholder: OKASIE_TEXTS.connectionNamePlaceholder,
    errors: OKASIE_TEXTS.errors,
    check: OKASIE_TEXTS.check,
  },
};
