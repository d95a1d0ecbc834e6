-- Hardening (issue #11): server-side sessions that can be ended, sign-in throttling per address
-- and account in rate-limiter-flexible's layout, addresses a user signs in from, archived
-- connections. Cookies issued before this migration carry no session id: everyone signs in again.

ALTER TABLE "User" DROP COLUMN "sessionsValidFrom";
DROP TABLE "LoginAttempt";

ALTER TABLE "Connection" ADD COLUMN "archivedAt" TIMESTAMP(3);

CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "login_throttle" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "login_throttle_expire_idx" ON "login_throttle"("expire");

CREATE TABLE "SignInAddress" (
    "key" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SignInAddress_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "SignInAddress_lastSuccessAt_idx" ON "SignInAddress"("lastSuccessAt");

-- A deleted car keeps its sync history and Blocket action log, unlinked. The composite foreign
-- keys set only "listingId" to NULL (PostgreSQL 15+): a plain SET NULL would also null the
-- NOT NULL "dealerId", and every deletion of a car with history failed.
ALTER TABLE "SyncItem" DROP CONSTRAINT "SyncItem_dealerId_listingId_fkey";
ALTER TABLE "SyncItem" ADD CONSTRAINT "SyncItem_dealerId_listingId_fkey" FOREIGN KEY ("dealerId", "listingId") REFERENCES "Listing"("dealerId", "id") ON DELETE SET NULL ("listingId") ON UPDATE CASCADE;
ALTER TABLE "AdLog" DROP CONSTRAINT "AdLog_dealerId_listingId_fkey";
ALTER TABLE "AdLog" ADD CONSTRAINT "AdLog_dealerId_listingId_fkey" FOREIGN KEY ("dealerId", "listingId") REFERENCES "Listing"("dealerId", "id") ON DELETE SET NULL ("listingId") ON UPDATE CASCADE;
