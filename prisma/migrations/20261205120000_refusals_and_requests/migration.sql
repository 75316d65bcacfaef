-- CreateTable
CREATE TABLE "AuditThrottle" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "unlogged" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ActionRequest" (
    "userId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "result" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionRequest_pkey" PRIMARY KEY ("userId","requestId")
);

-- CreateIndex
CREATE INDEX "AuditEvent_chain_action_seq_idx" ON "AuditEvent"("chain", "action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_chain_actorId_seq_idx" ON "AuditEvent"("chain", "actorId", "seq");
