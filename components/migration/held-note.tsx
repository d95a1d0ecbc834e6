"use client";
import { useMessage } from "@/components/ui/use-message";

/** Why the migration keeps this car off a marketplace (a catalog message stored on the publication). */
export function HeldNote({ message }: { message: string | null }) {
  const text = useMessage();
  if (!message) return null;
  return <p className="mt-2 text-sm text-amber-800" data-testid="migration-held">{text(message)}</p>;
}
