/** SyncRun rows as plain objects for the UI, always scoped by dealer. */
import type { SyncRunStatus, SyncTrigger } from "@/lib/generated/prisma/client";

export interface RunView {
  id: string;
  dealerId: string;
  connectionId: string;
  connectionName: string;
  /** A registered marketplace id (lib/marketplaces/registry). */
  marketplace: string;
  trigger: SyncTrigger;
  startedById: string | null;
  status: SyncRunStatus;
  total: number;
  done: number;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  failed: number;
  requests: number;
  message: string | null;
  cancelRequested: boolean;
  /** Removals held by the mass-removal guard (status NEEDS_CONFIRMATION). */
  pendingRemovals: number;
  removalsConfirmedAt: Date | null;
  removalsConfirmedById: string | null;
  /** The cars the guard held back, named (an admin's confirmation covers exactly these). */
  heldRemovals: HeldCar[];
  /** First sync: ads that exist only on the marketplace, offered for import. */
  remoteOnly: RemoteOnlyAd[];
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface HeldCar {
  listingId: string;
  reference: string;
  title: string;
  reason: "sold" | "disabled" | "draft";
}

export interface RemoteOnlyAd {
  reference: string;
  remoteId: string;
  title: string | null;
  status: string;
}

export const OPEN_STATUSES = ["QUEUED", "RUNNING"] as const satisfies SyncRunStatus[];

export const runSelect = {
  id: true, dealerId: true, connectionId: true, trigger: true, startedById: true, status: true, total: true, done: true,
  created: true, updated: true, removed: true, unchanged: true, failed: true, requests: true, message: true,
  cancelRequested: true, pendingRemovals: true, removalsConfirmedAt: true, removalsConfirmedById: true, heldRemovals: true, remoteOnly: true,
  queuedAt: true, startedAt: true, finishedAt: true,
  connection: { select: { name: true, marketplace: true } },
} as const;

type RunRow = Omit<RunView, "connectionName" | "marketplace" | "remoteOnly" | "heldRemovals"> & { remoteOnly: unknown; heldRemovals: unknown; connection: { name: string; marketplace: string } };

export function toRunView(row: RunRow): RunView {
  const { connection, remoteOnly, heldRemovals, ...rest } = row;
  return { ...rest, heldRemovals: Array.isArray(heldRemovals) ? (heldRemovals as HeldCar[]) : [], connectionName: connection.name, marketplace: connection.marketplace, remoteOnly: Array.isArray(remoteOnly) ? (remoteOnly as RemoteOnlyAd[]) : [] };
}
