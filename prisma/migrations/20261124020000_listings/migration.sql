-- Listings grid: postal code as a column (the "missing location" filter) and trigram search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "Listing" ADD COLUMN "postalCode" TEXT;
UPDATE "Listing" SET "postalCode" = NULLIF("details"->>'postalCode', '');

CREATE INDEX "Listing_searchText_trgm_idx" ON "Listing" USING GIN ("searchText" gin_trgm_ops);
