"use server";
/** Enrolment: choose which cars a marketplace connection publishes (lib/publications/enrolment.ts). */
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { enrolCars, enrolmentChoice } from "@/lib/publications/enrolment";
import { enrolCarsSchema, enrolmentChoiceSchema } from "@/lib/publications/enrolment-schema";

const enrol = dealerAction("publications.enrol");

export const enrolmentChoiceAction = enrol
  .metadata({ name: "publications.enrolmentChoice" })
  .inputSchema(enrolmentChoiceSchema)
  .action(async ({ parsedInput, ctx }) => enrolmentChoice(ctx, parsedInput.connectionId, parsedInput.ids));

export const enrolCarsAction = enrol
  .metadata({ name: "publications.enrol" })
  .inputSchema(enrolCarsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await withFieldConflicts(enrolCarsSchema, () => enrolCars(ctx.user, ctx, parsedInput));
    revalidatePath(`/d/${ctx.dealer.slug}`, "layout");
    return result;
  });
