/** Input schemas for marketplace connections, shared by the forms and the actions. */
import { z } from "zod";

export const MARKETPLACE_IDS = ["OKASIE", "BLOCKET"] as const;
export const ENVIRONMENTS = ["PRODUCTION", "SANDBOX"] as const;

const dealerSlug = z.string().min(1).max(64);
const connectionId = z.string().min(1).max(40);

export const tokenSchema = z
  .string({ message: "Paste the API token." })
  .trim()
  .min(1, "Paste the API token.")
  .min(8, "That is too short to be an API token. Paste the whole token.")
  .max(4096, "That is too long to be an API token.")
  .regex(/^[\x21-\x7e]+$/, "A token has no spaces or special characters. Paste it again without extra text.");

const baseUrlSchema = z
  .url({ protocol: /^https?$/, message: "Enter the marketplace's base URL, starting with https://." })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ""));

/** Step 1: does the token work, and which identities does it reach? Nothing is stored. */
export const probeConnectionSchema = z
  .object({
    dealer: dealerSlug,
    marketplace: z.enum(MARKETPLACE_IDS, { message: "Choose Okasie or Blocket." }),
    environment: z.enum(ENVIRONMENTS, { message: "Choose production or sandbox." }),
    baseUrl: baseUrlSchema,
    token: tokenSchema,
  })
  .superRefine((v, ctx) => {
    if (v.environment === "PRODUCTION" && !v.baseUrl.startsWith("https://"))
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Production marketplaces are reached over https:// only." });
  });

const identityFields = {
  dealerProfileId: z.preprocess((v) => (v === "" ? null : v), z.uuid("Choose the Okasie dealer profile.").nullable().optional()),
  dealerLocationCode: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(64).nullable().optional()),
  dealerCode: z.preprocess((v) => (v === "" ? null : v), z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "Enter the Blocket dealer code, e.g. FC-STHLM.").nullable().optional()),
  tokenScope: z.preprocess((v) => (v === "" ? null : v), z.enum(["dealer_code", "dealer_group"], { message: "Choose the token's scope." }).nullable().optional()),
};

function requireIdentity(v: { marketplace: string; dealerProfileId?: string | null; dealerLocationCode?: string | null; dealerCode?: string | null; tokenScope?: string | null }, ctx: z.RefinementCtx) {
  if (v.marketplace === "OKASIE" && !v.dealerProfileId && !v.dealerLocationCode)
    ctx.addIssue({ code: "custom", path: ["dealerProfileId"], message: "Choose the Okasie dealer profile or location this dealer publishes to." });
  if (v.marketplace === "BLOCKET") {
    if (!v.dealerCode) ctx.addIssue({ code: "custom", path: ["dealerCode"], message: "Enter the Blocket dealer code, e.g. FC-STHLM." });
    if (!v.tokenScope) ctx.addIssue({ code: "custom", path: ["tokenScope"], message: "Choose the token's scope." });
  }
}

/** Step 2: save. The token is checked again, then sealed. */
export const createConnectionSchema = z
  .object({
    dealer: dealerSlug,
    name: z.string().trim().min(1, "Give the connection a name, e.g. “Okasie — Gent”.").max(80),
    marketplace: z.enum(MARKETPLACE_IDS, { message: "Choose Okasie or Blocket." }),
    environment: z.enum(ENVIRONMENTS, { message: "Choose production or sandbox." }),
    baseUrl: baseUrlSchema,
    token: tokenSchema,
    ...identityFields,
  })
  .superRefine((v, ctx) => {
    if (v.environment === "PRODUCTION" && !v.baseUrl.startsWith("https://"))
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Production marketplaces are reached over https:// only." });
    requireIdentity(v, ctx);
  });

export const rotateTokenSchema = z.object({ dealer: dealerSlug, connectionId, token: tokenSchema });
export const connectionRefSchema = z.object({ dealer: dealerSlug, connectionId });
export const setEnabledSchema = connectionRefSchema.extend({ enabled: z.boolean() });
