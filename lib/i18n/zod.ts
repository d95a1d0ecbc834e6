/**
 * zod's own messages ("Invalid input: expected string, received null") are for developers. This
 * installs one error map, process-wide and in the browser, that turns every issue a schema does
 * not word itself into a catalog message (see message.ts), so a dealer reads "Enter a number" in
 * their language. Import it for its effect from every module that defines a schema.
 */
import { z } from "zod";
import type { $ZodRawIssue } from "zod/v4/core";
import { msg } from "@/lib/i18n/message";

type Issue = $ZodRawIssue;

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : undefined);

export function issueMessage(issue: Issue): string {
  const i = issue as Issue & { origin?: string; minimum?: unknown; maximum?: unknown; format?: string; expected?: string; input?: unknown };
  switch (i.code) {
    case "invalid_type":
      if (i.input === undefined || i.input === null || i.input === "") return msg("validation.required");
      if (i.expected === "int" && typeof i.input === "number") return msg("validation.whole");
      if (i.expected === "number" || i.expected === "int") return msg("validation.number");
      if (i.expected === "boolean") return msg("validation.yesNo");
      return msg("validation.invalid");
    case "too_small": {
      const min = num(i.minimum);
      if (i.origin === "string") return min === 1 ? msg("validation.required") : msg("validation.tooShort", { min });
      if (i.origin === "array" || i.origin === "set") return msg("validation.tooFewItems", { min });
      return msg("validation.tooSmall", { min });
    }
    case "too_big": {
      const max = num(i.maximum);
      if (i.origin === "string") return msg("validation.tooLong", { max });
      if (i.origin === "array" || i.origin === "set") return msg("validation.tooManyItems", { max });
      return msg("validation.tooLarge", { max });
    }
    case "invalid_format":
      if (i.format === "email") return msg("validation.email");
      if (i.format === "url") return msg("validation.url");
      return msg("validation.format");
    case "not_multiple_of":
      return msg("validation.whole");
    case "invalid_value":
    case "invalid_union":
      return msg("validation.choose");
    case "unrecognized_keys":
      return msg("validation.unknownField");
    default:
      return msg("validation.invalid");
  }
}

z.config({ customError: (issue) => issueMessage(issue) });

export {};
