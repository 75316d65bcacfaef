-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "auditPeriodEnd" DATE,
ADD COLUMN     "auditPeriodStart" DATE;
