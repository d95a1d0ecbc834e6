-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'STAFF', 'VIEWER');

-- CreateEnum
CREATE TYPE "Country" AS ENUM ('BE', 'SE');

-- CreateEnum
CREATE TYPE "Marketplace" AS ENUM ('OKASIE', 'BLOCKET');

-- CreateEnum
CREATE TYPE "ConnectionEnvironment" AS ENUM ('PRODUCTION', 'SANDBOX');

-- CreateEnum
CREATE TYPE "ListingStatus" AS ENUM ('DRAFT', 'ACTIVE', 'RESERVED', 'SOLD');

-- CreateEnum
CREATE TYPE "PublicationState" AS ENUM ('NOT_PUBLISHED', 'QUEUED', 'ACCEPTED', 'LIVE', 'ERROR', 'REMOVED');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('MANUAL', 'SAVE', 'SCHEDULE', 'RECONCILE', 'POLL');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED', 'NEEDS_CONFIRMATION');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "sessionsValidFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dealer" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" "Country" NOT NULL,
    "parentId" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "province" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dealer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "dealerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("dealerId","userId")
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "marketplace" "Marketplace" NOT NULL,
    "environment" "ConnectionEnvironment" NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "tokenCiphertext" TEXT NOT NULL,
    "tokenKeyId" TEXT NOT NULL,
    "tokenLast4" TEXT NOT NULL,
    "dealerProfileId" TEXT,
    "dealerLocationCode" TEXT,
    "dealerCode" TEXT,
    "tokenScope" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "syncIntervalMinutes" INTEGER NOT NULL DEFAULT 15,
    "removalGuardRatio" DOUBLE PRECISION NOT NULL DEFAULT 0.2,
    "soldGraceMinutes" INTEGER NOT NULL DEFAULT 0,
    "lastCheckStatus" TEXT,
    "lastCheckMessage" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "lastSyncedAt" TIMESTAMP(3),
    "remoteCursor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Listing" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "ListingStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "make" TEXT,
    "model" TEXT,
    "year" INTEGER,
    "mileage" INTEGER,
    "price" DECIMAL(12,2),
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "fuelType" TEXT,
    "registrationNumber" TEXT,
    "vin" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "images" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "features" JSONB NOT NULL DEFAULT '[]',
    "searchText" TEXT NOT NULL DEFAULT '',
    "soldAt" TIMESTAMP(3),
    "referenceLockedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Listing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "overrideTitle" TEXT,
    "overrideDescription" TEXT,
    "overridePrice" DECIMAL(12,2),
    "state" "PublicationState" NOT NULL DEFAULT 'NOT_PUBLISHED',
    "remoteId" TEXT,
    "remoteIds" JSONB,
    "remoteStatus" TEXT,
    "remoteUpdatedAt" TIMESTAMP(3),
    "sentHash" TEXT,
    "sentAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "lastErrorMessage" TEXT,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "driftDetectedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "startedById" TEXT,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncItem" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "syncRunId" TEXT NOT NULL,
    "listingId" TEXT,
    "reference" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "code" TEXT,
    "message" TEXT,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdLog" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "listingId" TEXT,
    "connectionId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "remoteKey" TEXT NOT NULL,
    "requestId" TEXT,
    "action" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "message" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_budget" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_budget_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_createdAt_idx" ON "LoginAttempt"("email", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Dealer_slug_key" ON "Dealer"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE INDEX "Connection_dealerId_marketplace_idx" ON "Connection"("dealerId", "marketplace");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_dealerId_id_key" ON "Connection"("dealerId", "id");

-- CreateIndex
CREATE INDEX "Listing_dealerId_status_updatedAt_idx" ON "Listing"("dealerId", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Listing_dealerId_updatedAt_idx" ON "Listing"("dealerId", "updatedAt");

-- CreateIndex
CREATE INDEX "Listing_dealerId_make_idx" ON "Listing"("dealerId", "make");

-- CreateIndex
CREATE INDEX "Listing_dealerId_price_idx" ON "Listing"("dealerId", "price");

-- CreateIndex
CREATE UNIQUE INDEX "Listing_dealerId_reference_key" ON "Listing"("dealerId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "Listing_dealerId_id_key" ON "Listing"("dealerId", "id");

-- CreateIndex
CREATE INDEX "Publication_dealerId_connectionId_state_idx" ON "Publication"("dealerId", "connectionId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_dealerId_listingId_connectionId_key" ON "Publication"("dealerId", "listingId", "connectionId");

-- CreateIndex
CREATE INDEX "SyncRun_dealerId_connectionId_queuedAt_idx" ON "SyncRun"("dealerId", "connectionId", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_dealerId_id_key" ON "SyncRun"("dealerId", "id");

-- CreateIndex
CREATE INDEX "SyncItem_dealerId_syncRunId_idx" ON "SyncItem"("dealerId", "syncRunId");

-- CreateIndex
CREATE INDEX "SyncItem_dealerId_listingId_createdAt_idx" ON "SyncItem"("dealerId", "listingId", "createdAt");

-- CreateIndex
CREATE INDEX "AdLog_dealerId_listingId_at_idx" ON "AdLog"("dealerId", "listingId", "at");

-- CreateIndex
CREATE INDEX "AdLog_dealerId_at_idx" ON "AdLog"("dealerId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AdLog_dealerId_connectionId_remoteKey_key" ON "AdLog"("dealerId", "connectionId", "remoteKey");

-- CreateIndex
CREATE INDEX "AuditEvent_dealerId_createdAt_idx" ON "AuditEvent"("dealerId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "Dealer" ADD CONSTRAINT "Dealer_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Dealer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Listing" ADD CONSTRAINT "Listing_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_dealerId_listingId_fkey" FOREIGN KEY ("dealerId", "listingId") REFERENCES "Listing"("dealerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_dealerId_connectionId_fkey" FOREIGN KEY ("dealerId", "connectionId") REFERENCES "Connection"("dealerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_dealerId_connectionId_fkey" FOREIGN KEY ("dealerId", "connectionId") REFERENCES "Connection"("dealerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncItem" ADD CONSTRAINT "SyncItem_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncItem" ADD CONSTRAINT "SyncItem_dealerId_syncRunId_fkey" FOREIGN KEY ("dealerId", "syncRunId") REFERENCES "SyncRun"("dealerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncItem" ADD CONSTRAINT "SyncItem_dealerId_listingId_fkey" FOREIGN KEY ("dealerId", "listingId") REFERENCES "Listing"("dealerId", "id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdLog" ADD CONSTRAINT "AdLog_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdLog" ADD CONSTRAINT "AdLog_dealerId_listingId_fkey" FOREIGN KEY ("dealerId", "listingId") REFERENCES "Listing"("dealerId", "id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

