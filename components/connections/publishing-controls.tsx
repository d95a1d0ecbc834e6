"use client";
/** A connection's rehearsal (with the step to go live) and its photo policy, for the dealer's admins. */
import { useState } from "react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { goLiveAction, setHoldOnFailedImagesAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/publishing-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

export function RehearsalControl({ dealer, connection, marketplace, hiddenAds, canManage }: {
  dealer: string; connection: { id: string; rehearsal: boolean; liveSince: string | null }; marketplace: string; hiddenAds: number; canManage: boolean;
}) {
  const t = useTranslations("rehearsal");
  const format = useFormatter();
  const [confirming, setConfirming] = useState(false);
  const live = useAction(goLiveAction, { onSuccess: () => setConfirming(false) });
  if (!connection.rehearsal) {
    return connection.liveSince ? <p className="text-xs text-slate-500">{t("live", { date: format.dateTime(new Date(connection.liveSince), { dateStyle: "medium", timeStyle: "short" }) })}</p> : null;
  }
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="rehearsal">
      <p className="font-medium">{t("banner", { marketplace })}</p>
      <p className="mt-1">{t("bannerHelp", { ads: hiddenAds })}</p>
      {canManage && <Button size="sm" className="mt-2" onClick={() => setConfirming(true)}>{t("goLive")}</Button>}
      {live.hasSucceeded && <p role="status" className="mt-2">{t("wentLive")} <Link className="underline" href={`/d/${dealer}/syncs`}>{t("followSync")}</Link></p>}
      <FormMessage error={live.result.serverError} />
      <ConfirmDialog open={confirming} busy={live.isPending} title={t("confirmTitle", { marketplace })} confirmLabel={t("goLive")}
        onCancel={() => setConfirming(false)} onConfirm={() => live.execute({ dealer, connectionId: connection.id })}>
        <p>{t("confirm", { ads: hiddenAds, marketplace })}</p>
      </ConfirmDialog>
    </div>
  );
}

export function PhotoPolicyControl({ dealer, connection, canManage }: { dealer: string; connection: { id: string; holdOnFailedImages: boolean }; canManage: boolean }) {
  const t = useTranslations("photoPolicy");
  const [on, setOn] = useState(connection.holdOnFailedImages);
  const save = useAction(setHoldOnFailedImagesAction);
  const id = `photo-policy-${connection.id}`;
  return (
    <div className="text-sm">
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-0.5 h-4 w-4" checked={on} disabled={!canManage || save.isPending}
          onChange={(e) => { setOn(e.target.checked); save.execute({ dealer, connectionId: connection.id, holdOnFailedImages: e.target.checked }); }} />
        <div>
          <label htmlFor={id} className="font-medium text-slate-700">{t("label")}</label>
          <p className="text-xs text-slate-500">{t("hint")}</p>
        </div>
      </div>
      {save.hasSucceeded && <p role="status" className="mt-1 text-emerald-700">{t("saved")}</p>}
      <FormMessage error={save.result.serverError} />
    </div>
  );
}
