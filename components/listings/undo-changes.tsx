"use client";
/** "Undo" for an import or bulk change, and what the undo did (lib/listings/changesets.ts). */
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { undoChangesAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

export function UndoChanges({ dealer, changeSetId, onUndone }: { dealer: string; changeSetId: string; onUndone?: () => void }) {
  const t = useTranslations("changes");
  const router = useRouter();
  const undo = useAction(undoChangesAction, { onSuccess: () => { onUndone?.(); router.refresh(); } });
  const done = undo.result.data;
  const edited = done?.skipped.filter((s) => s.reason === "editedSince").map((s) => s.reference) ?? [];
  const published = done?.skipped.filter((s) => s.reason === "published").map((s) => s.reference) ?? [];
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!done && (
        <Button variant="secondary" disabled={undo.isPending} onClick={() => undo.execute({ dealer, changeSetId })}>
          {undo.isPending ? t("undoing") : t("undo")}
        </Button>
      )}
      <FormMessage error={undo.result.serverError} success={done ? t("undone", { restored: done.restored, deleted: done.deleted }) : null} />
      {edited.length > 0 && <p className="text-sm text-amber-800">{t("skippedEdited")} <span data-verbatim>{edited.slice(0, 20).join(", ")}</span></p>}
      {published.length > 0 && <p className="text-sm text-amber-800">{t("skippedPublished")} <span data-verbatim>{published.slice(0, 20).join(", ")}</span></p>}
    </div>
  );
}
