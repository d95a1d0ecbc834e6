"use client";
import { useAction } from "next-safe-action/hooks";
import { setListingStatusAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";

export function StatusButton({ dealer, listingId, status, label }: { dealer: string; listingId: string; status: "draft" | "active" | "reserved" | "sold"; label: string }) {
  const { execute, isPending, result } = useAction(setListingStatusAction);
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="secondary" disabled={isPending} onClick={() => execute({ dealer, listingId, status })}>
        {isPending ? "Saving…" : label}
      </Button>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{result.serverError}</span>}
    </span>
  );
}
