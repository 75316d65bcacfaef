-- CreateEnum
CREATE TYPE "ProviderDocumentType" AS ENUM ('REPORT', 'BRIDGE_LETTER');

-- AlterTable
ALTER TABLE "Control" ADD COLUMN     "appliesTo" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "ControlImplementation" ALTER COLUMN "status" SET DEFAULT 'NOT_STARTED';

-- AlterTable
ALTER TABLE "ProviderReport" ADD COLUMN     "documentType" "ProviderDocumentType" NOT NULL DEFAULT 'REPORT',
ADD COLUMN     "supersededAt" TIMESTAMPTZ(3),
ADD COLUMN     "supersededById" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AddForeignKey
ALTER TABLE "ProviderReport" ADD CONSTRAINT "ProviderReport_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "ProviderReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;
