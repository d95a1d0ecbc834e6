"use client";
/**
 * Beside a waiting removal hold (overview and Syncs page): the dry run of what confirming it would
 * do — creates, updates with each car's field changes, and the cars that go offline, named. The
 * plan comes from the engine's own planner (GET …/syncs/plan?hold=RUN); it is read when opened.
 */
import { useState } from "react";
import { useTranslations } from "next-intl";
import { SyncPreview } from "./sync-preview";

export function HoldPlan({ dealer, connectionId, connectionName, runId }: { dealer: string; connectionId: string; connectionName: string; runId: string }) {
  const t = useTranslations("notifications.holdPlan");
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2 rounded-md border border-amber-200 bg-white p-2 text-slate-900" data-testid="hold-plan" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-medium">{t("open")}</summary>
      {open && (
        <div className="mt-2 space-y-2">
          <p className="text-slate-600">{t("intro", { connection: connectionName })}</p>
          <SyncPreview dealer={dealer} connectionId={connectionId} holdRunId={runId} />
        </div>
      )}
    </details>
  );
}
