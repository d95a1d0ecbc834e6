/** Input schemas for marketplace connections, shared by the forms and the actions. */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import "@/lib/i18n/zod";

export const MARKETPLACE_IDS = ["OKASIE", "BLOCKET"] as const;
export const ENVIRONMENTS = ["PRODUCTION", "SANDBOX"] as const;

const dealerSlug = z.string().min(1).max(64);
const connectionId = z.string().min(1).max(40);

export const tokenSchema = z
  .string({ message: msg("connections.errors.tokenRequired") })
  .trim()
  .min(1, msg("connections.errors.tokenRequired"))
  .min(8, msg("connections.errors.tokenShort"))
  .max(4096, msg("connections.errors.tokenLong"))
  .regex(/^[\x21-\x7e]+$/, msg("connections.errors.tokenCharacters"));

const baseUrlSchema = z
  .url({ protocol: /^https?$/, message: msg("connections.errors.baseUrl") })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ""));

/** Step 1: does the token work, and which identities does it reach? Nothing is stored. */
export const probeConnectionSchema = z
  .object({
    dealer: dealerSlug,
    marketplace: z.enum(MARKETPLACE_IDS, { message: msg("connections.errors.marketplace") }),
    environment: z.enum(ENVIRONMENTS, { message: msg("connections.errors.environment") }),
    baseUrl: baseUrlSchema,
    token: tokenSchema,
  })
  .superRefine((v, ctx) => {
    if (v.environment === "PRODUCTION" && !v.baseUrl.startsWith("https://"))
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: msg("connections.errors.https") });
  });

const identityFields = {
  dealerProfileId: z.preprocess((v) => (v === "" ? null : v), z.uuid(msg("connections.errors.profile")).nullable().optional()),
  dealerLocationCode: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(64).nullable().optional()),
  dealerCode: z.preprocess((v) => (v === "" ? null : v), z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, msg("connections.errors.dealerCode")).nullable().optional()),
  tokenScope: z.preprocess((v) => (v === "" ? null : v), z.enum(["dealer_code", "dealer_group"], { message: msg("connections.errors.scope") }).nullable().optional()),
};

function requireIdentity(v: { marketplace: string; dealerProfileId?: string | null; dealerLocationCode?: string | null; dealerCode?: string | null; tokenScope?: string | null }, ctx: z.RefinementCtx) {
  if (v.marketplace === "OKASIE" && !v.dealerProfileId && !v.dealerLocationCode)
    ctx.addIssue({ code: "custom", path: ["dealerProfileId"], message: msg("connections.errors.identity") });
  if (v.marketplace === "BLOCKET") {
    if (!v.dealerCode) ctx.addIssue({ code: "custom", path: ["dealerCode"], message: msg("connections.errors.dealerCode") });
    if (!v.tokenScope) ctx.addIssue({ code: "custom", path: ["tokenScope"], message: msg("connections.errors.scope") });
  }
}

/** Step 2: save. The token is checked again, then sealed. */
export const createConnectionSchema = z
  .object({
    dealer: dealerSlug,
    name: z.string().trim().min(1, msg("connections.errors.name")).max(80),
    marketplace: z.enum(MARKETPLACE_IDS, { message: msg("connections.errors.marketplace") }),
    environment: z.enum(ENVIRONMENTS, { message: msg("connections.errors.environment") }),
    baseUrl: baseUrlSchema,
    token: tokenSchema,
    ...identityFields,
  })
  .superRefine((v, ctx) => {
    if (v.environment === "PRODUCTION" && !v.baseUrl.startsWith("https://"))
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: msg("connections.errors.https") });
    requireIdentity(v, ctx);
  });

export const rotateTokenSchema = z.object({ dealer: dealerSlug, connectionId, token: tokenSchema });
export const connectionRefSchema = z.object({ dealer: dealerSlug, connectionId });
export const setEnabledSchema = connectionRefSchema.extend({ enabled: z.boolean() });
