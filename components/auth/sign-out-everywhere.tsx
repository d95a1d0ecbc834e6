"use client";
/** "Sign out everywhere": for oneself (profile), or for a user by a platform admin (admin pages). */
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { signOutEverywhereAction } from "@/app/session-actions";
import { deleteUserAction, signOutUserEverywhereAction } from "@/app/admin/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

export function SignOutEverywhereButton() {
  const t = useTranslations("sessions");
  const { execute, isPending, result } = useAction(signOutEverywhereAction);
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={isPending} onClick={() => { if (window.confirm(t("confirmSelf"))) execute(); }}>
        {isPending ? t("signingOut") : t("signOutEverywhere")}
      </Button>
      <FormMessage error={result.serverError} />
    </div>
  );
}

export function SignOutUserEverywhereButton({ userId, name }: { userId: string; name: string }) {
  const t = useTranslations("sessions");
  const router = useRouter();
  const { execute, isPending, result, hasSucceeded } = useAction(signOutUserEverywhereAction, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={isPending} onClick={() => { if (window.confirm(t("confirmUser", { name }))) execute({ userId }); }}>
        {isPending ? t("signingOut") : t("signOutEverywhere")}
      </Button>
      <FormMessage error={result.serverError} success={hasSucceeded ? t("done") : null} />
    </div>
  );
}

export function DeleteUserButton({ userId, name }: { userId: string; name: string }) {
  const t = useTranslations("userAdmin");
  const router = useRouter();
  const { execute, isPending, result } = useAction(deleteUserAction, { onSuccess: () => router.push("/admin/users") });
  return (
    <div className="space-y-2">
      <Button variant="danger" disabled={isPending} onClick={() => { if (window.confirm(t("confirmDelete", { name }))) execute({ userId }); }}>
        {isPending ? t("deleting") : t("delete")}
      </Button>
      <FormMessage error={result.serverError} />
    </div>
  );
}
