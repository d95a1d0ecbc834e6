/** Input of the enrolment actions (lib/publications/enrolment.ts). Pure, so the screen builds it with the same types. */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";

const dealer = z.string().min(1).max(64);
const connectionId = z.string().min(1).max(40);

/** The choice to show: every car not yet published there, or only these (the bulk "publish there"). */
export const enrolmentChoiceSchema = z.object({ dealer, connectionId, ids: z.array(z.string().min(1).max(40)).max(500).optional() });

export const enrolCarsSchema = z.object({
  dealer,
  connectionId,
  ids: z.array(z.string().min(1).max(40)).min(1, msg("enrolment.errors.chooseOne")).max(2_000, msg("enrolment.errors.tooMany", { max: 2_000 })),
});
