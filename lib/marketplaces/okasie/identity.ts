/** Okasie's connection identity: the dealer profile (UUID) or location code the listings belong to. */
import { z } from "zod";
import type { AccountFields, MarketplaceIdentity } from "../types";
import { OKASIE_TEXTS } from "./texts";

export const OKASIE_ID = "OKASIE";

export interface OkasieIdentity extends MarketplaceIdentity {
  readonly marketplace: typeof OKASIE_ID;
  readonly dealerProfileId?: string | null;
  readonly dealerLocationCode?: string | null;
}

/** The identity when it is Okasie's, else undefined. */
export function asOkasieIdentity(identity: MarketplaceIdentity | undefined): OkasieIdentity | undefined {
  return identity?.marketplace === OKASIE_ID ? (identity as OkasieIdentity) : undefined;
}

export function okasieIdentityOf(fields: AccountFields): OkasieIdentity {
  return { marketplace: OKASIE_ID, dealerProfileId: fields.dealerProfileId ?? null, dealerLocationCode: fields.dealerLocationCode ?? null };
}

/** A profile UUID or a location code (or both); issues name the form field. */
export const okasieIdentitySchema: z.ZodType<MarketplaceIdentity, AccountFields> = z
  .object({
    dealerProfileId: z.uuid(OKASIE_TEXTS.identity.profileInvalid).nullish(),
    dealerLocationCode: z.string().trim().min(1).max(64, OKASIE_TEXTS.identity.locationInvalid).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.dealerProfileId && !v.dealerLocationCode) ctx.addIssue({ code: "custom", path: ["dealerProfileId"], message: OKASIE_TEXTS.identity.required });
  })
  .transform((v) => okasieIdentityOf(v));
