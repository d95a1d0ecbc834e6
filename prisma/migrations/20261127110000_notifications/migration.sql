-- The app's bell (issue #15 item 6): drift becomes an alert kind, and each user's "read" marks
-- are kept per condition episode.
ALTER TYPE "AlertKind" ADD VALUE 'DRIFT';

CREATE TABLE "NotificationRead" (
    "userId" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationRead_pkey" PRIMARY KEY ("userId","dealerId","kind","subjectId")
);

ALTER TABLE "NotificationRead" ADD CONSTRAINT "NotificationRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "NotificationRead" ADD CONSTRAINT "NotificationRead_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
