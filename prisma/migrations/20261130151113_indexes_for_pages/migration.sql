-- CreateIndex
CREATE INDEX "ControlRequirement_orgId_requirementId_idx" ON "ControlRequirement"("orgId", "requirementId");

-- CreateIndex
CREATE INDEX "Evidence_orgId_updatedAt_idx" ON "Evidence"("orgId", "updatedAt");

-- CreateIndex
CREATE INDEX "EvidenceControl_orgId_controlId_idx" ON "EvidenceControl"("orgId", "controlId");

-- CreateIndex
CREATE INDEX "Requirement_parentId_idx" ON "Requirement"("parentId");
