-- A connection's marketplace is an id checked against the marketplace registry
-- (lib/marketplaces/registry), not a database enum: a new marketplace needs no schema change.
ALTER TABLE "Connection" ALTER COLUMN "marketplace" TYPE TEXT USING "marketplace"::text;
DROP TYPE "Marketplace";
