/** Input schemas of the platform-admin forms, shared by the forms (client) and the actions (server). */
import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters.")
  .max(48, "At most 48 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Lower-case letters, digits and single dashes, e.g. auto-gent.");

export const dealerSchema = z.object({
  name: z.string().trim().min(2, "Give the dealer a name.").max(120),
  slug: slugSchema,
  country: z.enum(["BE", "SE"], { message: "Choose Belgium or Sweden." }),
  parentId: z.preprocess((v) => (v === "" ? null : v), z.string().min(1).max(40).nullable()).optional(),
});

export const updateDealerSchema = dealerSchema.extend({ id: z.string().min(1).max(40) });

export const passwordSchema = z.string().min(10, "At least 10 characters.").max(200, "At most 200 characters.");

export const createUserSchema = z.object({
  email: z.email("Enter a valid e-mail address.").max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  password: passwordSchema,
  isPlatformAdmin: z.boolean().default(false),
});

export const resetPasswordSchema = z.object({ userId: z.string().min(1).max(40), password: passwordSchema });

export const userRefSchema = z.object({ userId: z.string().min(1).max(40) });

export const roleSchema = z.enum(["ADMIN", "STAFF", "VIEWER"], { message: "Choose a role." });

export const membershipSchema = z.object({
  dealerId: z.string().min(1, "Choose a dealer.").max(40),
  userId: z.string().min(1, "Choose a user.").max(40),
  role: roleSchema,
});

export const removeMembershipSchema = membershipSchema.pick({ dealerId: true, userId: true });
