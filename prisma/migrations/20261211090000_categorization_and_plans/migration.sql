-- CreateEnum
CREATE TYPE "ImpactLevel" AS ENUM ('LOW', 'MODERATE', 'HIGH');

-- AlterTable
ALTER TABLE "System" ADD COLUMN     "availabilityImpact" "ImpactLevel",
ADD COLUMN     "confidentialityImpact" "ImpactLevel",
ADD COLUMN     "informationTypes" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "integrityImpact" "ImpactLevel";

-- AlterTable
ALTER TABLE "ControlImplementation" ADD COLUMN     "plannedCompletionAt" DATE;

-- AlterTable
ALTER TABLE "ProviderReport" ADD COLUMN     "fedrampAuthorizationType" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "fedrampAuthorizedAt" DATE,
ADD COLUMN     "fedrampImpactLevel" "ImpactLevel",
ADD COLUMN     "fedrampPackageId" TEXT NOT NULL DEFAULT '';
