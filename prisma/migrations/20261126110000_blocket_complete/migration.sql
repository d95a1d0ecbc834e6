-- Blocket complete (#16 part 3): rehearsal, photo policy and the Blocket Admin migration per
-- connection, the channels a car's promotions leave out, paid promotions and their monthly budget,
-- and the migration runs.
ALTER TABLE "Connection" ADD COLUMN "rehearsal" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "liveSince" TIMESTAMP(3),
ADD COLUMN "holdOnFailedImages" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "migrationState" TEXT;

ALTER TABLE "Publication" ADD COLUMN "excludedChannels" TEXT[] DEFAULT ARRAY[]::TEXT[];

CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "price" DECIMAL(12,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "excludedChannels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "activeUntil" TIMESTAMP(3),
    "code" TEXT,
    "message" TEXT,
    "remoteLogKey" TEXT,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PromotionBudget" (
    "dealerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "monthlyLimit" DECIMAL(12,2) NOT NULL,
    "prices" JSONB NOT NULL DEFAULT '{}',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromotionBudget_pkey" PRIMARY KEY ("dealerId","currency")
);

CREATE TABLE "AdminMigration" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "adminAds" JSONB NOT NULL,
    "plan" JSONB NOT NULL,
    "syncRunId" TEXT,
    "startedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminMigration_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Promotion_dealerId_requestedAt_idx" ON "Promotion"("dealerId", "requestedAt");
CREATE INDEX "Promotion_dealerId_listingId_requestedAt_idx" ON "Promotion"("dealerId", "listingId", "requestedAt");
CREATE INDEX "Promotion_dealerId_state_idx" ON "Promotion"("dealerId", "state");
CREATE INDEX "AdminMigration_dealerId_connectionId_createdAt_idx" ON "AdminMigration"("dealerId", "connectionId", "createdAt");

ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PromotionBudget" ADD CONSTRAINT "PromotionBudget_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AdminMigration" ADD CONSTRAINT "AdminMigration_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AdminMigration" ADD CONSTRAINT "AdminMigration_dealerId_connectionId_fkey" FOREIGN KEY ("dealerId", "connectionId") REFERENCES "Connection"("dealerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
