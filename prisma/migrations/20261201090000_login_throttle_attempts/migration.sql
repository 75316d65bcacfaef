-- Sign-in throttling counts attempts before the password check (one atomic statement), not
-- failures after it. Same rows, honest names, and an index for removing expired rows.
ALTER TABLE "LoginThrottle" RENAME COLUMN "failures" TO "attempts";
ALTER TABLE "LoginThrottle" RENAME COLUMN "lastFailureAt" TO "lastAttemptAt";

-- CreateIndex
CREATE INDEX "LoginThrottle_lastAttemptAt_idx" ON "LoginThrottle"("lastAttemptAt");
