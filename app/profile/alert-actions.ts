"use server";
import { authedAction } from "@/lib/actions";
import { alertPreferenceSchema, saveAlertPreference } from "@/lib/alerts/preferences";

/** The signed-in user's own alert choices: the user comes from the session, never from the input. */
export const updateMyAlertsAction = authedAction
  .metadata({ name: "profile.alerts" })
  .inputSchema(alertPreferenceSchema)
  .action(async ({ parsedInput, ctx }) => saveAlertPreference(ctx.user.id, parsedInput));
