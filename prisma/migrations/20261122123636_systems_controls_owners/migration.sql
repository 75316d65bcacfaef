-- CreateEnum
CREATE TYPE "ResponsibilityType" AS ENUM ('INHERITED', 'SHARED', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "EvidenceCadence" AS ENUM ('MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'ANNUAL');

-- CreateEnum
CREATE TYPE "ImplementationStatus" AS ENUM ('IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE');

-- CreateTable
CREATE TABLE "System" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "regions" TEXT[],
    "archivedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "System_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemService" (
    "systemId" UUID NOT NULL,
    "serviceCode" TEXT NOT NULL,

    CONSTRAINT "SystemService_pkey" PRIMARY KEY ("systemId","serviceCode")
);

-- CreateTable
CREATE TABLE "Control" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "family" TEXT NOT NULL,
    "defaultType" "ResponsibilityType" NOT NULL,
    "awsStatement" TEXT NOT NULL DEFAULT '',
    "customerStatement" TEXT NOT NULL DEFAULT '',
    "cadence" "EvidenceCadence" NOT NULL,
    "nistIds" TEXT[],
    "archivedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Control_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceResponsibility" (
    "id" UUID NOT NULL,
    "controlId" UUID NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "type" "ResponsibilityType" NOT NULL,
    "customerTask" TEXT NOT NULL DEFAULT '',
    "awsTask" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ServiceResponsibility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlImplementation" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "controlId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "status" "ImplementationStatus" NOT NULL DEFAULT 'PLANNED',
    "narrative" TEXT NOT NULL DEFAULT '',
    "justification" TEXT NOT NULL DEFAULT '',
    "ownerId" UUID,
    "nextReviewAt" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ControlImplementation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "System_orgId_name_key" ON "System"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "System_id_orgId_key" ON "System"("id", "orgId");

-- CreateIndex
CREATE INDEX "SystemService_serviceCode_idx" ON "SystemService"("serviceCode");

-- CreateIndex
CREATE INDEX "Control_orgId_family_idx" ON "Control"("orgId", "family");

-- CreateIndex
CREATE UNIQUE INDEX "Control_orgId_code_key" ON "Control"("orgId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Control_id_orgId_key" ON "Control"("id", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceResponsibility_controlId_serviceCode_key" ON "ServiceResponsibility"("controlId", "serviceCode");

-- CreateIndex
CREATE INDEX "ControlImplementation_orgId_ownerId_idx" ON "ControlImplementation"("orgId", "ownerId");

-- CreateIndex
CREATE INDEX "ControlImplementation_systemId_idx" ON "ControlImplementation"("systemId");

-- CreateIndex
CREATE UNIQUE INDEX "ControlImplementation_controlId_systemId_key" ON "ControlImplementation"("controlId", "systemId");

-- AddForeignKey
ALTER TABLE "System" ADD CONSTRAINT "System_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemService" ADD CONSTRAINT "SystemService_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Control" ADD CONSTRAINT "Control_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceResponsibility" ADD CONSTRAINT "ServiceResponsibility_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlImplementation" ADD CONSTRAINT "ControlImplementation_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlImplementation" ADD CONSTRAINT "ControlImplementation_controlId_orgId_fkey" FOREIGN KEY ("controlId", "orgId") REFERENCES "Control"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlImplementation" ADD CONSTRAINT "ControlImplementation_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlImplementation" ADD CONSTRAINT "ControlImplementation_orgId_ownerId_fkey" FOREIGN KEY ("orgId", "ownerId") REFERENCES "Membership"("orgId", "userId") ON DELETE RESTRICT ON UPDATE CASCADE;
