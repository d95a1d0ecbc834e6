-- A car in a minute: numbered references and cached vehicle value lists.
ALTER TABLE "Dealer" ADD COLUMN "referencePattern" TEXT;

CREATE TABLE "ReferenceCounter" (
    "dealerId" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "last" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("dealerId","series")
);

ALTER TABLE "ReferenceCounter" ADD CONSTRAINT "ReferenceCounter_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "VehicleLookup" (
    "marketplace" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VehicleLookup_pkey" PRIMARY KEY ("marketplace","endpoint","key")
);
