-- Each user's preferred language and each dealer's default language (nl, fr, sv, en).
ALTER TABLE "User" ADD COLUMN "language" TEXT;
ALTER TABLE "Dealer" ADD COLUMN "language" TEXT;
