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

-- The starter library's service-bound controls, in organizations that loaded it before it said so.
UPDATE "Control" SET "appliesTo" = ARRAY['s3'] WHERE "code" = 'AWS-AC-03' AND "title" = 'S3 access permissions and Block Public Access';
UPDATE "Control" SET "appliesTo" = ARRAY['lambda'] WHERE "code" = 'AWS-SA-01' AND "title" = 'Lambda function code security';
UPDATE "Control" SET "appliesTo" = ARRAY['lambda'] WHERE "code" = 'AWS-SI-02' AND "title" = 'Custom runtimes on AWS Lambda';
UPDATE "Control" SET "appliesTo" = ARRAY['ecs', 'lambda', 'fargate'] WHERE "code" = 'AWS-AC-04' AND "title" = 'Execution roles for functions and tasks';
UPDATE "Control" SET "appliesTo" = ARRAY['rds', 'aurora', 'redshift'] WHERE "code" = 'AWS-AC-05' AND "title" = 'Database users and permissions on managed databases';
