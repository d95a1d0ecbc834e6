-- Enrolment: a connection added from now on publishes only the cars the dealer chose.
-- Existing connections keep publishing every car as before (default true): nothing is switched off.
ALTER TABLE "Connection" ADD COLUMN "publishesEveryCar" BOOLEAN NOT NULL DEFAULT true;
