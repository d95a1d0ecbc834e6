import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TopBar } from "@/components/shell/top-bar";
import { currentUser } from "@/lib/auth/session";
import { dealersOf } from "@/lib/tenancy/dealers";

/** Sends each user to their dealer (the first, alphabetically), or platform admins to /admin. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (user.isPlatformAdmin) redirect("/admin");
  const dealers = await dealersOf(user);
  if (dealers.length > 0) redirect(`/d/${dealers[0].slug}`);
  const t = await getTranslations("home");
  return (
    <>
      <TopBar user={user} />
      <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
        <h1 className="text-xl font-semibold">{t("noDealerTitle")}</h1>
        <p className="mt-2 text-slate-600">{t("noDealerBody")}</p>
      </main>
    </>
  );
}
