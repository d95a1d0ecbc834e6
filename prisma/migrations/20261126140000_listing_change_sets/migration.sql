-- Imports and bulk changes keep every car's values before and after, so they can be undone.
CREATE TABLE "ListingChangeSet" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "entries" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,

    CONSTRAINT "ListingChangeSet_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ListingChangeSet_dealerId_createdAt_idx" ON "ListingChangeSet"("dealerId", "createdAt");

ALTER TABLE "ListingChangeSet" ADD CONSTRAINT "ListingChangeSet_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
