-- What was last sent per publication (the payload itself, beside its hash): the baseline of the
-- field-by-field diff a dealer sees before a sync (issue #15).
ALTER TABLE "Publication" ADD COLUMN "sentPayload" JSONB;

-- The mass-removal hold names the ads it holds back, and an admin's confirmation covers exactly
-- those (issue #11 item 8): [{ listingId, reference, title, reason }].
ALTER TABLE "SyncRun" ADD COLUMN "heldRemovals" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "SyncRun" ADD COLUMN "confirmedRemovals" JSONB;
