-- AlterTable: a risk acceptance is an edit of the failure, made against the version the form read.
ALTER TABLE "CheckFailure" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
