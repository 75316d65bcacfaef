-- CreateTable
CREATE TABLE "CheckMappingDismissal" (
    "orgId" UUID NOT NULL,
    "checkId" TEXT NOT NULL,
    "controlId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckMappingDismissal_pkey" PRIMARY KEY ("orgId","checkId","controlId")
);

-- CreateIndex
CREATE INDEX "CheckMappingDismissal_controlId_idx" ON "CheckMappingDismissal"("controlId");

-- AddForeignKey
ALTER TABLE "CheckMappingDismissal" ADD CONSTRAINT "CheckMappingDismissal_controlId_orgId_fkey" FOREIGN KEY ("controlId", "orgId") REFERENCES "Control"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;
