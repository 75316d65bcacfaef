-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('FILE', 'LINK', 'NOTE', 'PROVIDER_REPORT');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'REJECTED');

-- CreateTable
CREATE TABLE "Evidence" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "systemId" UUID,
    "reviewState" "ReviewState" NOT NULL DEFAULT 'DRAFT',
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewReason" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceVersion" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "storageKey" TEXT,
    "sha256" TEXT,
    "size" BIGINT,
    "mediaType" TEXT,
    "fileName" TEXT,
    "url" TEXT,
    "note" TEXT,
    "uploadedById" UUID NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "effectiveAt" DATE NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "periodStart" DATE,
    "periodEnd" DATE,
    "notes" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "EvidenceVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceControl" (
    "evidenceId" UUID NOT NULL,
    "controlId" UUID NOT NULL,
    "orgId" UUID NOT NULL,

    CONSTRAINT "EvidenceControl_pkey" PRIMARY KEY ("evidenceId","controlId")
);

-- CreateTable
CREATE TABLE "EvidenceComment" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderReport" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "evidenceId" UUID NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'AWS',
    "title" TEXT NOT NULL,
    "artifactReportId" TEXT NOT NULL,
    "reportVersion" TEXT NOT NULL DEFAULT '',
    "series" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL DEFAULT '',
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "retrievedById" UUID NOT NULL,
    "retrievedAt" TIMESTAMPTZ(3) NOT NULL,
    "termsAcceptedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProviderReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Framework" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "externalId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Framework_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Requirement" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "frameworkId" UUID NOT NULL,
    "parentId" UUID,
    "externalId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "statement" TEXT NOT NULL DEFAULT '',
    "classes" TEXT NOT NULL DEFAULT '',
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Requirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlRequirement" (
    "controlId" UUID NOT NULL,
    "requirementId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ControlRequirement_pkey" PRIMARY KEY ("controlId","requirementId")
);

-- CreateIndex
CREATE INDEX "Evidence_orgId_reviewState_idx" ON "Evidence"("orgId", "reviewState");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_id_orgId_key" ON "Evidence"("id", "orgId");

-- CreateIndex
CREATE INDEX "EvidenceVersion_orgId_sha256_idx" ON "EvidenceVersion"("orgId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceVersion_evidenceId_number_key" ON "EvidenceVersion"("evidenceId", "number");

-- CreateIndex
CREATE INDEX "EvidenceControl_controlId_idx" ON "EvidenceControl"("controlId");

-- CreateIndex
CREATE INDEX "EvidenceComment_evidenceId_createdAt_idx" ON "EvidenceComment"("evidenceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderReport_evidenceId_orgId_key" ON "ProviderReport"("evidenceId", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderReport_orgId_artifactReportId_reportVersion_key" ON "ProviderReport"("orgId", "artifactReportId", "reportVersion");

-- CreateIndex
CREATE UNIQUE INDEX "Framework_orgId_name_key" ON "Framework"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Framework_id_orgId_key" ON "Framework"("id", "orgId");

-- CreateIndex
CREATE INDEX "Requirement_orgId_externalId_idx" ON "Requirement"("orgId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Requirement_frameworkId_externalId_key" ON "Requirement"("frameworkId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Requirement_id_orgId_key" ON "Requirement"("id", "orgId");

-- CreateIndex
CREATE INDEX "ControlRequirement_requirementId_idx" ON "ControlRequirement"("requirementId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceVersion" ADD CONSTRAINT "EvidenceVersion_evidenceId_orgId_fkey" FOREIGN KEY ("evidenceId", "orgId") REFERENCES "Evidence"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceControl" ADD CONSTRAINT "EvidenceControl_evidenceId_orgId_fkey" FOREIGN KEY ("evidenceId", "orgId") REFERENCES "Evidence"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceControl" ADD CONSTRAINT "EvidenceControl_controlId_orgId_fkey" FOREIGN KEY ("controlId", "orgId") REFERENCES "Control"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceComment" ADD CONSTRAINT "EvidenceComment_evidenceId_orgId_fkey" FOREIGN KEY ("evidenceId", "orgId") REFERENCES "Evidence"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderReport" ADD CONSTRAINT "ProviderReport_evidenceId_orgId_fkey" FOREIGN KEY ("evidenceId", "orgId") REFERENCES "Evidence"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Framework" ADD CONSTRAINT "Framework_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Requirement" ADD CONSTRAINT "Requirement_frameworkId_orgId_fkey" FOREIGN KEY ("frameworkId", "orgId") REFERENCES "Framework"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Requirement" ADD CONSTRAINT "Requirement_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlRequirement" ADD CONSTRAINT "ControlRequirement_controlId_orgId_fkey" FOREIGN KEY ("controlId", "orgId") REFERENCES "Control"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlRequirement" ADD CONSTRAINT "ControlRequirement_requirementId_orgId_fkey" FOREIGN KEY ("requirementId", "orgId") REFERENCES "Requirement"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Evidence versions never change: a new upload adds a version. Refuse UPDATE and DELETE of a
-- version at the database (deleting the whole evidence item cascades, which is allowed only
-- through the parent).
CREATE FUNCTION "evidence_version_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Evidence" WHERE "id" = OLD."evidenceId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'EvidenceVersion is immutable: % refused', TG_OP;
END;
$$;

CREATE TRIGGER "EvidenceVersion_immutable"
BEFORE UPDATE OR DELETE ON "EvidenceVersion"
FOR EACH ROW EXECUTE FUNCTION "evidence_version_immutable"();
