/**
 * Input schemas for marketplace connections, shared by the forms and the actions. A form never
 * sends a base URL: the server chooses it (lib/connections/endpoint.ts); one sent anyway is dropped
 * by these schemas. The identity fields are checked by the chosen marketplace's own schema.
 */
import { z } from "zod";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { ACCOUNT_FIELDS } from "@/lib/marketplaces/types";

export const ENVIRONMENTS = ["PRODUCTION", "SANDBOX"] as const;

const dealerSlug = z.string().min(1).max(64);
const connectionId = z.string().min(1).max(40);
const marketplace = z.string({ message: "Choose a marketplace." }).refine(isMarketplaceId, "Choose a marketplace.");

export const tokenSchema = z
  .string({ message: "Paste the API token." })
  .trim()
  .min(1, "Paste the API token.")
  .min(8, "That is too short to be an API token. Paste the whole token.")
  .max(4096, "That is too long to be an API token.")
  .regex(/^[\x21-\x7e]+$/, "A token has no spaces or special characters. Paste it again without extra text.");

/** Step 1: does the token work, and which identities does it reach? Nothing is stored. */
export const probeConnectionSchema = z.object({
  dealer: dealerSlug,
  marketplace,
  environment: z.enum(ENVIRONMENTS, { message: "Choose production or sandbox." }),
  token: tokenSchema,
});

/** An identity column as a form sends it: "" is "not given". Its rules are the marketplace's. */
const accountField = z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(100, "At most 100 characters.").nullable().optional());
const identityFields = Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, accountField])) as Record<(typeof ACCOUNT_FIELDS)[number], typeof accountField>;

/** Step 2: save. The token is checked again, then sealed. */
export const createConnectionSchema = z
  .object({
    dealer: dealerSlug,
    name: z.string().trim().min(1, "Give the connection a name, e.g. “Okasie — Gent”.").max(80),
    marketplace,
    environment: z.enum(ENVIRONMENTS, { message: "Choose production or sandbox." }),
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
