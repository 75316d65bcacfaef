-- CreateTable
CREATE TABLE "RegisterPreference" (
    "orgId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "hiddenColumns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RegisterPreference_pkey" PRIMARY KEY ("orgId","userId")
);

-- AddForeignKey
ALTER TABLE "RegisterPreference" ADD CONSTRAINT "RegisterPreference_orgId_userId_fkey" FOREIGN KEY ("orgId", "userId") REFERENCES "Membership"("orgId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Global search (features/search/search.data.ts): full-text expression indexes. Prisma's schema
-- cannot describe an expression index, and its schema engine leaves them out of its comparison, so
-- they live in this migration only. Each expression must stay identical to the one the search
-- query uses, or PostgreSQL will not use the index.
CREATE INDEX "Control_search_idx" ON "Control" USING GIN (to_tsvector('english'::regconfig, "code" || ' ' || "title" || ' ' || "family" || ' ' || "description" || ' ' || "awsStatement" || ' ' || "customerStatement"));

CREATE INDEX "Requirement_search_idx" ON "Requirement" USING GIN (to_tsvector('english'::regconfig, "label" || ' ' || "title" || ' ' || "statement"));

CREATE INDEX "Evidence_search_idx" ON "Evidence" USING GIN (to_tsvector('english'::regconfig, "title" || ' ' || "description"));

CREATE INDEX "System_search_idx" ON "System" USING GIN (to_tsvector('english'::regconfig, "name" || ' ' || "description"));
