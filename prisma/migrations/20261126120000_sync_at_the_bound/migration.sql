-- Syncs at the bound (issue #17 item 5).
-- What an incremental read already knows changed since the cursor, our own writes included:
-- the next read counts instead of re-reading them (lib/sync/fence.ts).
ALTER TABLE "Connection" ADD COLUMN "remoteFence" JSONB;
-- Fingerprint of the inputs of the payload last sent: an unchanged listing is recognised without
-- building its payload (lib/sync/fingerprint.ts).
ALTER TABLE "Publication" ADD COLUMN "sentSourceHash" TEXT;
