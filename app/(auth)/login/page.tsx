import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguagePicker } from "@/components/shell/language-picker";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  const [t, common] = await Promise.all([getTranslations("auth"), getTranslations("common")]);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-slate-900">Forecourt</p>
          <p className="mt-1 text-sm text-slate-600">{common("tagline")}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">{t("title")}</h1>
          <LoginForm callbackUrl={callbackUrl} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">{t("noAccount")}</p>
        <div className="mt-6 flex justify-center"><LanguagePicker /></div>
      </div>
    </main>
  );
}
