/** Input schemas of the platform-admin forms, shared by the forms (client) and the actions (server). */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { LANGUAGES } from "@/lib/i18n/locales";
import "@/lib/i18n/zod";

export const slugSchema = z
  .string()
  .trim()
  .min(2, msg("validation.tooShort", { min: 2 }))
  .max(48, msg("validation.tooLong", { max: 48 }))
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, msg("admin.errors.slug"));

/** A language, or "" for "none chosen" (the browser decides; for a dealer: no default). */
export const languageChoiceSchema = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(LANGUAGES, { message: msg("validation.choose") }).nullable());

export const dealerSchema = z.object({
  name: z.string().trim().min(2, msg("admin.errors.dealerName")).max(120),
  slug: slugSchema,
  country: z.enum(["BE", "SE"], { message: msg("admin.errors.country") }),
  parentId: z.preprocess((v) => (v === "" ? null : v), z.string().min(1).max(40).nullable()).optional(),
  /** New users of this dealer read Forecourt in it; suggested from the country (BE → nl, SE → sv). */
  language: languageChoiceSchema.optional(),
});

export const updateDealerSchema = dealerSchema.extend({ id: z.string().min(1).max(40) });

export const passwordSchema = z.string().min(10, msg("validation.tooShort", { min: 10 })).max(200, msg("validation.tooLong", { max: 200 }));

export const createUserSchema = z.object({
  email: z.email(msg("validation.email")).max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, msg("admin.errors.userName")).max(120),
  password: passwordSchema,
  isPlatformAdmin: z.boolean().default(false),
  language: languageChoiceSchema.optional(),
});

export const userLanguageSchema = z.object({ userId: z.string().min(1).max(40), language: languageChoiceSchema });

export const resetPasswordSchema = z.object({ userId: z.string().min(1).max(40), password: passwordSchema });

export const userRefSchema = z.object({ userId: z.string().min(1).max(40) });

export const roleSchema = z.enum(["ADMIN", "STAFF", "VIEWER"], { message: msg("admin.errors.role") });

export const membershipSchema = z.object({
  dealerId: z.string().min(1, msg("admin.errors.dealer")).max(40),
  userId: z.string().min(1, msg("admin.errors.user")).max(40),
  role: roleSchema,
});

export const removeMembershipSchema = membershipSchema.pick({ dealerId: true, userId: true });
