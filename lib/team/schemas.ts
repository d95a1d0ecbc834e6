/** Inputs of a dealer admin's team management (shared by the forms and the actions). */
import { z } from "zod";
import "@/lib/i18n/zod";
import { msg } from "@/lib/i18n/message";

const dealer = z.string().min(1).max(64);
const userId = z.string().min(1).max(40);

/** Dealer admins hand out these roles; ADMIN is granted (and taken) by platform admins only. */
export const teamRoleSchema = z.enum(["STAFF", "VIEWER"], { message: msg("team.chooseRole") });

export const teamPasswordSchema = z.string().min(10, msg("team.passwordTooShort", { min: 10 })).max(200);

export const inviteMemberSchema = z.object({
  dealer,
  name: z.string().trim().min(1, msg("team.enterName")).max(120),
  email: z.email(msg("auth.enterEmail")).max(254).transform((e) => e.toLowerCase()),
  password: teamPasswordSchema,
  role: teamRoleSchema,
});

export const changeRoleSchema = z.object({ dealer, userId, role: teamRoleSchema });
export const memberRefSchema = z.object({ dealer, userId });
export const resetMemberPasswordSchema = z.object({ dealer, userId, password: teamPasswordSchema });
