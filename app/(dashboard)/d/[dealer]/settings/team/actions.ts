"use server";
/** A dealer admin's team actions: thin wrappers over lib/team/service (which checks again). */
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { changeRoleSchema, inviteMemberSchema, memberRefSchema, resetMemberPasswordSchema } from "@/lib/team/schemas";
import * as team from "@/lib/team/service";

const manage = dealerAction("team.manage");
const refresh = (slug: string) => revalidatePath(`/d/${slug}/settings`, "layout");

export const inviteMemberAction = manage
  .metadata({ name: "team.invite" })
  .inputSchema(inviteMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await withFieldConflicts(inviteMemberSchema, () => team.inviteMember(ctx.user, ctx, parsedInput));
    refresh(ctx.dealer.slug);
    return { id: user.id };
  });

export const changeMemberRoleAction = manage
  .metadata({ name: "team.changeRole" })
  .inputSchema(changeRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    await team.changeMemberRole(ctx.user, ctx, parsedInput);
    refresh(ctx.dealer.slug);
    return { ok: true };
  });

export const removeMemberAction = manage
  .metadata({ name: "team.remove" })
  .inputSchema(memberRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await team.removeMember(ctx.user, ctx, parsedInput);
    refresh(ctx.dealer.slug);
    return { ok: true };
  });

export const resetMemberPasswordAction = manage
  .metadata({ name: "team.resetPassword" })
  .inputSchema(resetMemberPasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    await team.resetMemberPassword(ctx.user, ctx, parsedInput);
    return { ok: true };
  });
