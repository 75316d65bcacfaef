-- CreateEnum
CREATE TYPE "CustomerInheritance" AS ENUM ('YES', 'PARTIAL', 'NO');

-- AlterTable
ALTER TABLE "ControlImplementation" ADD COLUMN     "customersInherit" "CustomerInheritance",
ADD COLUMN     "customersResponsibility" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "System" ADD COLUMN     "baselineFrameworkId" UUID;

-- AddForeignKey
ALTER TABLE "System" ADD CONSTRAINT "System_baselineFrameworkId_orgId_fkey" FOREIGN KEY ("baselineFrameworkId", "orgId") REFERENCES "Framework"("id", "orgId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Requirement" ADD COLUMN     "depth" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "links" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "params" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "parts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "tailoring" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "SystemParameterValue" (
    "orgId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "paramId" TEXT NOT NULL,
    "values" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SystemParameterValue_pkey" PRIMARY KEY ("systemId","paramId")
);

-- CreateIndex
CREATE INDEX "SystemParameterValue_orgId_idx" ON "SystemParameterValue"("orgId");

-- AddForeignKey
ALTER TABLE "SystemParameterValue" ADD CONSTRAINT "SystemParameterValue_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;
