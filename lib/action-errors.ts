/** Turns a service's FieldConflict into a field-level validation error of the action's schema. */
import { returnValidationErrors } from "next-safe-action";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { FieldConflict } from "@/lib/errors";

export async function withFieldConflicts<T>(schema: StandardSchemaV1, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof FieldConflict) {
      // "listing.reference" → { listing: { reference: { _errors: [...] } } }
      const errors = e.field.split(".").reduceRight<object>((inner, key) => ({ [key]: inner }), { _errors: [e.message] });
      returnValidationErrors(schema, errors as never);
    }
    throw e;
  }
}
