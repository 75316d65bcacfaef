-- AlterEnum
ALTER TYPE "EvidenceKind" ADD VALUE 'AUTOMATED';

-- AlterTable
ALTER TABLE "EvidenceVersion" ADD COLUMN     "automated" JSONB;

-- CreateTable
CREATE TABLE "SystemAwsAccount" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SystemAwsAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckMapping" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "checkId" TEXT NOT NULL,
    "controlId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingScan" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "toolName" TEXT NOT NULL,
    "toolVersion" TEXT,
    "scannedAt" TIMESTAMPTZ(3) NOT NULL,
    "findings" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "notApplicable" INTEGER NOT NULL,
    "suppressed" INTEGER NOT NULL,
    "mapped" INTEGER NOT NULL,
    "unmapped" INTEGER NOT NULL,
    "createdById" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnmappedFinding" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "scanId" UUID NOT NULL,
    "findingId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "suppressed" BOOLEAN NOT NULL,
    "accountId" TEXT,
    "region" TEXT,
    "resource" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "UnmappedFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckFailure" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "controlId" UUID NOT NULL,
    "findingId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT,
    "resource" TEXT NOT NULL,
    "accountId" TEXT,
    "region" TEXT,
    "remediation" TEXT NOT NULL DEFAULT '',
    "suppressed" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "firstScanId" UUID NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedScanId" UUID,
    "riskJustification" TEXT NOT NULL DEFAULT '',
    "riskAcceptedUntil" DATE,
    "riskAcceptedById" UUID,
    "riskAcceptedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CheckFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SystemAwsAccount_orgId_accountId_idx" ON "SystemAwsAccount"("orgId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "SystemAwsAccount_systemId_accountId_region_key" ON "SystemAwsAccount"("systemId", "accountId", "region");

-- CreateIndex
CREATE INDEX "CheckMapping_controlId_idx" ON "CheckMapping"("controlId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckMapping_orgId_checkId_controlId_key" ON "CheckMapping"("orgId", "checkId", "controlId");

-- CreateIndex
CREATE INDEX "FindingScan_orgId_createdAt_idx" ON "FindingScan"("orgId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FindingScan_orgId_sha256_key" ON "FindingScan"("orgId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "FindingScan_id_orgId_key" ON "FindingScan"("id", "orgId");

-- CreateIndex
CREATE INDEX "UnmappedFinding_orgId_scanId_idx" ON "UnmappedFinding"("orgId", "scanId");

-- CreateIndex
CREATE INDEX "CheckFailure_orgId_systemId_controlId_resolvedAt_idx" ON "CheckFailure"("orgId", "systemId", "controlId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckFailure_orgId_systemId_controlId_findingId_key" ON "CheckFailure"("orgId", "systemId", "controlId", "findingId");

-- AddForeignKey
ALTER TABLE "SystemAwsAccount" ADD CONSTRAINT "SystemAwsAccount_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckMapping" ADD CONSTRAINT "CheckMapping_controlId_orgId_fkey" FOREIGN KEY ("controlId", "orgId") REFERENCES "Control"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingScan" ADD CONSTRAINT "FindingScan_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnmappedFinding" ADD CONSTRAINT "UnmappedFinding_scanId_orgId_fkey" FOREIGN KEY ("scanId", "orgId") REFERENCES "FindingScan"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckFailure" ADD CONSTRAINT "CheckFailure_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckFailure" ADD CONSTRAINT "CheckFailure_controlId_orgId_fkey" FOREIGN KEY ("controlId", "orgId") REFERENCES "Control"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;



