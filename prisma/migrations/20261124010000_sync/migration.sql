-- Sync engine (issue #8): guard minimum, first-sync matching, rejected-payload hash, log mirror
-- cursor, held removals and their confirmation, remote-only references, run heartbeat.

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "removalGuardMinimum" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN "remoteMatchedAt" TIMESTAMP(3),
ADD COLUMN "lastReconciledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN "rejectedHash" TEXT,
ADD COLUMN "logsMirroredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "pendingRemovals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "removalsConfirmedAt" TIMESTAMP(3),
ADD COLUMN "removalsConfirmedById" TEXT,
ADD COLUMN "remoteOnly" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "heartbeatAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE INDEX "Publication_connectionId_listingId_idx" ON "Publication"("connectionId", "listingId");
