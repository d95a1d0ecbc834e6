"use server";
/** Platform-admin actions: thin wrappers over lib/admin/service (which checks the actor again). */
import { revalidatePath } from "next/cache";
import { platformAdminAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { createUserSchema, dealerSchema, membershipSchema, removeMembershipSchema, resetPasswordSchema, updateDealerSchema, userLanguageSchema, userRefSchema } from "@/lib/admin/schemas";
import * as admin from "@/lib/admin/service";

export const createDealerAction = platformAdminAction
  .metadata({ name: "admin.createDealer" })
  .inputSchema(dealerSchema)
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await withFieldConflicts(dealerSchema, () => admin.createDealer(ctx.user, parsedInput));
    revalidatePath("/admin", "layout");
    return { id: dealer.id, slug: dealer.slug };
  });

export const updateDealerAction = platformAdminAction
  .metadata({ name: "admin.updateDealer" })
  .inputSchema(updateDealerSchema)
  .action(async ({ parsedInput, ctx }) => {
    const dealer = await withFieldConflicts(updateDealerSchema, () => admin.updateDealer(ctx.user, parsedInput));
    revalidatePath("/admin", "layout");
    return { id: dealer.id, slug: dealer.slug };
  });

export const createUserAction = platformAdminAction
  .metadata({ name: "admin.createUser" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await withFieldConflicts(createUserSchema, () => admin.createUser(ctx.user, parsedInput));
    revalidatePath("/admin", "layout");
    return { id: user.id };
  });

export const resetPasswordAction = platformAdminAction
  .metadata({ name: "admin.resetPassword" })
  .inputSchema(resetPasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    await admin.resetPassword(ctx.user, parsedInput);
    return { ok: true };
  });

export const setMembershipAction = platformAdminAction
  .metadata({ name: "admin.setMembership" })
  .inputSchema(membershipSchema)
  .action(async ({ parsedInput, ctx }) => {
    await withFieldConflicts(membershipSchema, () => admin.setMembership(ctx.user, parsedInput));
    revalidatePath("/admin", "layout");
    return { ok: true };
  });

export const removeMembershipAction = platformAdminAction
  .metadata({ name: "admin.removeMembership" })
  .inputSchema(removeMembershipSchema)
  .action(async ({ parsedInput, ctx }) => {
    await admin.removeMembership(ctx.user, parsedInput);
    revalidatePath("/admin", "layout");
    return { ok: true };
  });

export const signOutUserEverywhereAction = platformAdminAction
  .metadata({ name: "admin.signOutUserEverywhere" })
  .inputSchema(userRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await admin.signOutUserEverywhere(ctx.user, parsedInput);
    return { ok: true };
  });

export const deleteUserAction = platformAdminAction
  .metadata({ name: "admin.deleteUser" })
  .inputSchema(userRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await admin.deleteUser(ctx.user, parsedInput);
    revalidatePath("/admin", "layout");
    return { ok: true };
  });

export const setUserLanguageAction = platformAdminAction
  .metadata({ name: "admin.setUserLanguage" })
  .inputSchema(userLanguageSchema)
  .action(async ({ parsedInput, ctx }) => {
    await admin.setUserLanguage(ctx.user, parsedInput);
    revalidatePath("/admin", "layout");
    return { ok: true };
  });
