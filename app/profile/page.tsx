import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignOutEverywhereButton } from "@/components/auth/sign-out-everywhere";
import { AlertSettingsForm } from "@/components/profile/alert-settings-form";
import { LanguageForm } from "@/components/profile/language-form";
import { TopBar } from "@/components/shell/top-bar";
import { Card } from "@/components/ui/card";
import { alertPreferenceOf } from "@/lib/alerts/preferences";
import { currentUser } from "@/lib/auth/session";
import { openSessionCount } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { languageFromAcceptLanguage } from "@/lib/i18n/negotiate";
import { preferredLanguage } from "@/lib/i18n/preference";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

/** The signed-in user's own settings: who they are and the language Forecourt speaks to them. */
export default async function ProfilePage() {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=/profile");
  const [t, tAlerts, sessions, chosen, requestHeaders, alerts, open] = await Promise.all([getTranslations("profile"), getTranslations("alertSettings"), getTranslations("sessions"), preferredLanguage(user.id), headers(), alertPreferenceOf(user.id), openSessionCount(user.id)]);
  return (
    <>
      <TopBar user={user} />
      <main id="main" className="mx-auto max-w-2xl space-y-6 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
        </div>
        <Card>
          <dl className="mb-6 grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
            <dt className="font-medium text-slate-700">{t("name")}</dt>
            <dd>{user.name}</dd>
            <dt className="font-medium text-slate-700">{t("email")}</dt>
            <dd>{user.email}</dd>
          </dl>
          <LanguageForm chosen={chosen} browserLanguage={languageFromAcceptLanguage(requestHeaders.get("accept-language"))} />
        </Card>
        <Card title={tAlerts("title")} description={tAlerts("intro")}>
          <AlertSettingsForm frequency={alerts.frequency} kinds={alerts.kinds} />
        </Card>
        <Card title={sessions("title")} description={sessions("openCount", { count: open })}>
          <p className="mb-4 text-sm text-slate-600">{sessions("selfHint", { hours: env().SESSION_MAX_AGE_HOURS })}</p>
          <SignOutEverywhereButton />
        </Card>
      </main>
    </>
  );
}
