"use client";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { deleteConnectionAction, rotateTokenAction, setConnectionEnabledAction, testConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function ConnectionActions({ dealer, connection }: { dealer: string; connection: { id: string; name: string; enabled: boolean } }) {
  const t = useTranslations("connections");
  const ref = { dealer, connectionId: connection.id };
  const test = useAction(testConnectionAction);
  const toggle = useAction(setConnectionEnabledAction);
  const remove = useAction(deleteConnectionAction);
  const rotate = useAction(rotateTokenAction, { onSuccess: () => { setToken(""); setRotating(false); } });
  const [rotating, setRotating] = useState(false);
  const [token, setToken] = useState("");
  const busy = test.isPending || toggle.isPending || remove.isPending || rotate.isPending;
  // The check's outcome in the marketplace module's words (catalog messages; FormMessage puts them into words).
  const checked = test.result.data?.message ?? null;
  const error = test.result.serverError ?? toggle.result.serverError ?? remove.result.serverError ?? rotate.result.serverError;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => test.execute(ref)}>{test.isPending ? t("testing") : t("test")}</Button>
        <Button size="sm" variant="secondary" disabled={busy} aria-expanded={rotating} onClick={() => setRotating((r) => !r)}>{t("rotate")}</Button>
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => toggle.execute({ ...ref, enabled: !connection.enabled })}>{connection.enabled ? t("disable") : t("enable")}</Button>
        <Button size="sm" variant="danger" disabled={busy} onClick={() => { if (window.confirm(t("deleteConfirm", { name: connection.name }))) remove.execute(ref); }}>{t("delete")}</Button>
      </div>
      {test.result.data && <FormMessage error={test.result.data.ok ? null : checked} success={test.result.data.ok ? checked : null} />}
      {rotating && (
        <form className="w-72 space-y-2" noValidate onSubmit={(e) => { e.preventDefault(); rotate.execute({ ...ref, token }); }}>
          <TextField label={t("newToken", { name: connection.name })} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} error={rotate.result.validationErrors?.token?._errors?.[0]} />
          <Button type="submit" size="sm" disabled={busy}>{rotate.isPending ? t("checking") : t("saveToken")}</Button>
        </form>
      )}
      <FormMessage error={error} success={rotate.hasSucceeded ? t("rotated") : null} />
    </div>
  );
}
