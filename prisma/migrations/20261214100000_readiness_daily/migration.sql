-- CreateTable: the overview's daily readiness figures (features/overview/readiness.data.ts).
CREATE TABLE "ReadinessDaily" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "frameworkId" UUID,
    "day" DATE NOT NULL,
    "implemented" INTEGER NOT NULL,
    "applicable" INTEGER NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadinessDaily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: one row per org, system, framework and day; the system's own row (no framework)
-- is unique too, so the recorder upserts on it (NULLS NOT DISTINCT, PostgreSQL 15 or later).
CREATE UNIQUE INDEX "ReadinessDaily_orgId_systemId_frameworkId_day_key" ON "ReadinessDaily"("orgId", "systemId", "frameworkId", "day") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "ReadinessDaily_orgId_day_idx" ON "ReadinessDaily"("orgId", "day");

-- AddForeignKey
ALTER TABLE "ReadinessDaily" ADD CONSTRAINT "ReadinessDaily_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

