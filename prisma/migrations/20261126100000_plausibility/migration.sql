-- Plausibility warnings a dealer confirmed on a car: check code → the value confirmed.
ALTER TABLE "Listing" ADD COLUMN "plausibilityConfirmed" JSONB NOT NULL DEFAULT '{}';
