-- CreateTable
CREATE TABLE "Photo" (
    "id" TEXT NOT NULL,
    "dealerId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sourceSha256" TEXT NOT NULL,
    "sourceFormat" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "storage" TEXT NOT NULL,
    "uploadedById" TEXT,
    "lastSeenInUseAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Photo_dealerId_sourceSha256_idx" ON "Photo"("dealerId", "sourceSha256");

-- CreateIndex
CREATE INDEX "Photo_dealerId_createdAt_idx" ON "Photo"("dealerId", "createdAt");

-- CreateIndex
CREATE INDEX "Photo_createdAt_idx" ON "Photo"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Photo_dealerId_id_key" ON "Photo"("dealerId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Photo_dealerId_sha256_key" ON "Photo"("dealerId", "sha256");

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Dealer"("id") ON DELETE CASCADE ON UPDATE CASCADE;


