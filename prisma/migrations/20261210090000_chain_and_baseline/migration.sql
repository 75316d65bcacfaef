-- CreateEnum
CREATE TYPE "CustomerInheritance" AS ENUM ('YES', 'PARTIAL', 'NO');

-- AlterTable
ALTER TABLE "ControlImplementation" ADD COLUMN     "customersInherit" "CustomerInheritance",
ADD COLUMN     "customersResponsibility" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "System" ADD COLUMN     "baselineFrameworkId" UUID;

-- AddForeignKey
ALTER TABLE "System" ADD CONSTRAINT "System_baselineFrameworkId_orgId_fkey" FOREIGN KEY ("baselineFrameworkId", "orgId") REFERENCES "Framework"("id", "orgId") ON DELETE NO ACTION ON UPDATE CASCADE;
