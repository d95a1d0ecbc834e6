/**
 * The one server-action chain: action → authed → dealer(permission) | platformAdmin.
 * Every server action is built from these clients, so sign-in, tenancy and roles are checked on
 * the server before any action code runs. A dealer the user cannot reach answers "Not found."
 */
import { createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { dealerAccessWith } from "@/lib/tenancy/dealers";
import { ActionError, NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { requestTranslator } from "@/lib/i18n/server";
import "@/lib/i18n/zod";
import { errorSummary } from "@/lib/log";
import { requestLog } from "@/lib/log/request";

/**
 * Text PostgreSQL cannot store as typed: a NUL character (refused by the database, which would
 * end the action in a failure) or half of a unicode pair (silently turned into "�" on the way).
 * Both are refused up front, on the field that holds them, whatever the action.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorablePath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (depth > 6 || value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const found = unstorablePath(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

const baseClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string() }),
  /** Refusals are put into the user's language here, so every caller gets words, not keys. */
  async handleServerError(error, { metadata }) {
    const { text } = await requestTranslator();
    if (error instanceof ActionError) return text(error.message);
    if (error instanceof NotFoundError) return text(msg("errors.notFound"));
    // The kind of failure and a short, scrubbed message: messages from deeper layers are not ours to trust.
    (await requestLog({ action: metadata?.name ?? "?" })).error({ error: errorSummary(error) }, "server action failed");
    return text(msg("errors.unexpected"));
  },
});

export const actionClient = baseClient.use(async ({ next, clientInput }) => {
  const path = unstorablePath(clientInput);
  if (path) {
    const errors = path.reduceRight<object>((inner, key) => ({ [key]: inner }), { _errors: [msg("validation.unstorableText")] });
    returnValidationErrors(z.any(), errors as never);
  }
  return next();
});

export const authedAction = actionClient.use(async ({ next }) => {
  const user = await currentUser();
  if (!user) throw new ActionError(msg("auth.sessionEnded"));
  return next({ ctx: { user } });
});

/** For actions on one dealer: the input carries `dealer` (its slug). */
export function dealerAction(permission: Permission) {
  return authedAction.use(async ({ next, clientInput, ctx }) => {
    const slug = (clientInput as { dealer?: unknown } | undefined)?.dealer;
    const access = typeof slug === "string" ? await dealerAccessWith(ctx.user, slug, permission) : null;
    if (!access) throw new NotFoundError();
    return next({ ctx: { dealer: access.dealer, role: access.role } });
  });
}

export const platformAdminAction = authedAction.use(async ({ next, ctx }) => {
  if (!ctx.user.isPlatformAdmin) throw new NotFoundError();
  return next({ ctx });
});
