"use server";
/** Connection actions, for the dealer's ADMIN and for platform admins (who act as ADMIN). */
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { connectionRefSchema, createConnectionSchema, probeConnectionSchema, rotateTokenSchema, setEnabledSchema } from "@/lib/connections/schemas";
import * as connections from "@/lib/connections/service";

const manage = dealerAction("connections.manage");
const refresh = () => revalidatePath("/", "layout");

export const probeConnectionAction = manage
  .metadata({ name: "connections.probe" })
  .inputSchema(probeConnectionSchema)
  .action(async ({ parsedInput, ctx }) => connections.probeConnection(ctx, parsedInput));

export const createConnectionAction = manage
  .metadata({ name: "connections.create" })
  .inputSchema(createConnectionSchema)
  .action(async ({ parsedInput, ctx }) => {
    const created = await withFieldConflicts(createConnectionSchema, () => connections.createConnection(ctx.user, ctx, parsedInput));
    refresh();
    return { id: created.id };
  });

export const rotateTokenAction = manage
  .metadata({ name: "connections.rotateToken" })
  .inputSchema(rotateTokenSchema)
  .action(async ({ parsedInput, ctx }) => {
    await withFieldConflicts(rotateTokenSchema, () => connections.rotateToken(ctx.user, ctx, parsedInput));
    refresh();
    return { ok: true };
  });

export const testConnectionAction = manage
  .metadata({ name: "connections.test" })
  .inputSchema(connectionRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await connections.testConnection(ctx.user, ctx, parsedInput);
    refresh();
    return result;
  });

export const setConnectionEnabledAction = manage
  .metadata({ name: "connections.setEnabled" })
  .inputSchema(setEnabledSchema)
  .action(async ({ parsedInput, ctx }) => {
    await connections.setConnectionEnabled(ctx.user, ctx, parsedInput);
    refresh();
    return { ok: true };
  });

export const deleteConnectionAction = manage
  .metadata({ name: "connections.delete" })
  .inputSchema(connectionRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await connections.deleteConnection(ctx.user, ctx, parsedInput);
    refresh();
    return { ok: true };
  });
