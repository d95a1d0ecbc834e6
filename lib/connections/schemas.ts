/**
 * Input schemas for marketplace connections, shared by the forms and the actions. A form never
 * sends a base URL: the server chooses it (lib/connections/endpoint.ts); one sent anyway is dropped
 * by these schemas. The identity fields are checked by the chosen marketplace's own schema.
 */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import "@/lib/i18n/zod";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { ACCOUNT_FIELDS } from "@/lib/marketplaces/types";

export const ENVIRONMENTS = ["PRODUCTION", "SANDBOX"] as const;

const dealerSlug = z.string().min(1).max(64);
const connectionId = z.string().min(1).max(40);
const marketplace = z.string({ message: msg("connections.errors.marketplace") }).refine(isMarketplaceId, msg("connections.errors.marketplace"));

export const tokenSchema = z
  .string({ message: msg("connections.errors.tokenRequired") })
  .trim()
  .min(1, msg("connections.errors.tokenRequired"))
  .min(8, msg("connections.errors.tokenShort"))
  .max(4096, msg("connections.errors.tokenLong"))
  .regex(/^[\x21-\x7e]+$/, msg("connections.errors.tokenCharacters"));

/** Step 1: does the token work, and which identities does it reach? Nothing is stored. */
export const probeConnectionSchema = z.object({
  dealer: dealerSlug,
  marketplace,
  environment: z.enum(ENVIRONMENTS, { message: msg("connections.errors.environment") }),
  token: tokenSchema,
});

/** An identity column as a form sends it: "" is "not given". Its rules are the marketplace's. */
const accountField = z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(100, msg("validation.tooLong", { max: 100 })).nullable().optional());
const identityFields = Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, accountField])) as Record<(typeof ACCOUNT_FIELDS)[number], typeof accountField>;

/** Step 2: save. The token is checked again, then sealed. */
export const createConnectionSchema = z
  .object({
    dealer: dealerSlug,
    name: z.string().trim().min(1, msg("connections.errors.name")).max(80),
    marketplace,
    environment: z.enum(ENVIRONMENTS, { message: msg("connections.errors.environment") }),
    token: tokenSchema,
    /** Start with a rehearsal (marketplaces with the capability rehearsal): every ad sent hidden until an admin goes live. */
    rehearsal: z.boolean().optional(),
    ...identityFields,
  })
  .superRefine((v, ctx) => {
    if (!isMarketplaceId(v.marketplace)) return; // already reported on the field
    const parsed = descriptorOf(v.marketplace).identity.schema.safeParse(v);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

export const rotateTokenSchema = z.object({ dealer: dealerSlug, connectionId, token: tokenSchema });
export const connectionRefSchema = z.object({ dealer: dealerSlug, connectionId });
export const setEnabledSchema = connectionRefSchema.extend({ enabled: z.boolean() });
export const setHoldOnFailedImagesSchema = connectionRefSchema.extend({ holdOnFailedImages: z.boolean() });
