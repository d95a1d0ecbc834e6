/** The budget form's input, shared by the form and the action. Client-safe. */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import "@/lib/i18n/zod";

const money = z.number({ message: msg("validation.number") }).min(0, msg("validation.tooSmall", { min: 0 })).max(10_000_000, msg("validation.tooLarge", { max: 10_000_000 }));

export const budgetSchema = z.object({
  dealer: z.string().min(1).max(64),
  currency: z.enum(["EUR", "SEK"]),
  monthlyLimit: money,
  /** Price per marketplace and promotion, from the dealer's agreement; null = not known. */
  prices: z.record(z.string().max(40), z.partialRecord(z.enum(["bump", "polePosition"]), money.nullable().optional())).default({}),
});
export type BudgetInput = z.output<typeof budgetSchema>;
