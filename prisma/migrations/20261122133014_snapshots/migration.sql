-- CreateTable
CREATE TABLE "Snapshot" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "content" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signedById" UUID,
    "signedAt" TIMESTAMPTZ(3),
    "signComment" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Snapshot_orgId_systemId_createdAt_idx" ON "Snapshot"("orgId", "systemId", "createdAt");

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_systemId_orgId_fkey" FOREIGN KEY ("systemId", "orgId") REFERENCES "System"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- A snapshot's content, hash, system and creation never change; the sign-off is written once.
CREATE FUNCTION "snapshot_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM "System" WHERE "id" = OLD."systemId") THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'Snapshot is immutable: DELETE refused';
  END IF;
  IF NEW."content" IS DISTINCT FROM OLD."content" OR NEW."sha256" IS DISTINCT FROM OLD."sha256"
     OR NEW."systemId" IS DISTINCT FROM OLD."systemId" OR NEW."orgId" IS DISTINCT FROM OLD."orgId"
     OR NEW."createdById" IS DISTINCT FROM OLD."createdById" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
     OR OLD."signedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'Snapshot is immutable: only a first sign-off may be recorded';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Snapshot_immutable"
BEFORE UPDATE OR DELETE ON "Snapshot"
FOR EACH ROW EXECUTE FUNCTION "snapshot_immutable"();
