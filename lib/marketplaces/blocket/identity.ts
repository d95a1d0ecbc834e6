/** Blocket's connection identity: the dealer code, and whether the token covers one dealer or a group. */
import { z } from "zod";
import type { AccountFields, MarketplaceIdentity } from "../types";
import { BLOCKET_TEXTS } from "./texts";

export const BLOCKET_ID = "BLOCKET";
export const TOKEN_SCOPES = ["dealer_code", "dealer_group"] as const;

export interface BlocketIdentity extends MarketplaceIdentity {
  readonly marketplace: typeof BLOCKET_ID;
  readonly dealerCode: string;
  readonly tokenScope: (typeof TOKEN_SCOPES)[number];
}

/** The identity when it is Blocket's, else null. */
export function asBlocketIdentity(identity: MarketplaceIdentity | undefined): BlocketIdentity | null {
  return identity?.marketplace === BLOCKET_ID ? (identity as BlocketIdentity) : null;
}

export function blocketIdentityOf(fields: AccountFields): BlocketIdentity {
  return { marketplace: BLOCKET_ID, dealerCode: fields.dealerCode ?? "", tokenScope: fields.tokenScope === "dealer_group" ? "dealer_group" : "dealer_code" };
}

export const blocketIdentitySchema: z.ZodType<MarketplaceIdentity, AccountFields> = z
  .object({
    dealerCode: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, BLOCKET_TEXTS.identity.dealerCodeRequired).nullish(),
    tokenScope: z.enum(TOKEN_SCOPES, { message: BLOCKET_TEXTS.identity.scopeRequired }).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.dealerCode) ctx.addIssue({ code: "custom", path: ["dealerCode"], message: BLOCKET_TEXTS.identity.dealerCodeRequired });
    if (!v.tokenScope) ctx.addIssue({ code: "custom", path: ["tokenScope"], message: BLOCKET_TEXTS.identity.scopeRequired });
  })
  .transform((v) => blocketIdentityOf(v));
