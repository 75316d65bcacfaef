// Builders for integration tests, through the app's own data functions so every row is
// created the way the app creates it (audit events included).
import { randomUUID } from 'node:crypto';
import { findOrgContext, findUserIdByEmail, signUp } from '@/features/auth/auth.data';
import { hashPassword } from '@/lib/auth/password';
import { audited } from '@/features/audit/audit.data';
import type { z } from 'zod';
import type { OrgContext, Role } from '@/lib/auth/permissions';
import { createControl, saveServiceLine } from '@/features/controls/controls.data';
import type { createControlSchema } from '@/features/controls/controls.schema';
import type { ServiceCode } from '@/features/systems/service-catalog';
import { createSystem } from '@/features/systems/systems.data';
import { createNoteEvidence, reviewEvidence, submitEvidence } from '@/features/evidence/evidence.data';
import { saveImplementation } from '@/features/owners/owners.data';
import { prisma } from '@/lib/db';

export const TEST_PASSWORD = 'a long test passphrase';

export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A fresh organization and its owner's context. */
export async function createOrganization(name = `Org ${randomUUID().slice(0, 6)}`) {
  const email = uniqueEmail('owner');
  const { orgSlug } = await signUp({ name: 'Owner', email, password: TEST_PASSWORD, organizationName: name });
  const userId = (await findUserIdByEmail(email))!;
  return { ctx: (await findOrgContext({ userId, sessionVersion: 0 }, orgSlug))!, email };
}

/**
 * A new member with the given role, and their context. Test-only: the account and membership are
 * written directly, audited as the app audits them. The app itself adds members only through
 * invitations that the person accepts (features/invitations).
 */
export async function createMember(owner: OrgContext, role: Role) {
  const email = uniqueEmail(role.toLowerCase());
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const { userId, membershipId } = await audited({ orgId: owner.orgId, userId: owner.userId }, async (tx, record) => {
    const user = await tx.user.create({
      data: { email, name: `${role} member`, passwordHash },
      select: { id: true, email: true, name: true },
    });
    record({ action: 'user.created', entityType: 'User', entityId: user.id, after: user });
    const membership = await tx.membership.create({ data: { orgId: owner.orgId, userId: user.id, role } });
    record({ action: 'member.added', entityType: 'Membership', entityId: membership.id, after: membership });
    return { userId: user.id, membershipId: membership.id };
  });
  const ctx: OrgContext = { userId, orgId: owner.orgId, orgSlug: owner.orgSlug, role };
  return { ctx, email, membershipId };
}

/** A system using the given services, through the app's data function. */
export async function createTestSystem(ctx: OrgContext, services: ServiceCode[], name = `System ${randomUUID().slice(0, 6)}`) {
  return createSystem(ctx, { name, description: '', regions: ['eu-west-1'], services });
}

/** A control with service lines, through the app's data functions. */
export async function createTestControl(
  ctx: OrgContext,
  fields: Partial<z.output<typeof createControlSchema>> = {},
  lines: { serviceCode: ServiceCode; type: 'INHERITED' | 'SHARED' | 'CUSTOMER'; task?: string }[] = [],
) {
  let control = await createControl(ctx, {
    code: `C-${randomUUID().slice(0, 6)}`,
    title: 'Patch management',
    description: '',
    family: 'System and information integrity',
    defaultType: 'SHARED',
    awsStatement: '',
    customerStatement: '',
    cadence: 'MONTHLY',
    nistIds: [],
    appliesTo: [],
    ...fields,
  });
  for (const line of lines) {
    await saveServiceLine(ctx, {
      controlId: control.id,
      controlVersion: control.version,
      serviceCode: line.serviceCode,
      type: line.type,
      customerTask: line.type === 'INHERITED' ? '' : (line.task ?? 'you do the work'),
      awsTask: line.type === 'INHERITED' ? (line.task ?? 'AWS does the work') : '',
    });
    control = { ...control, version: control.version + 1 };
  }
  return control;
}

/**
 * A scan as the ingest records it (no file behind it): CheckFailure rows need one to point at.
 * Inserted directly, as test data for the pages that read check failures.
 */
export async function createFindingScan(ctx: OrgContext, fields: { scannedAt?: Date; toolName?: string } = {}) {
  return prisma.findingScan.create({
    data: {
      orgId: ctx.orgId,
      sha256: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      fileName: 'findings.json',
      format: 'asff',
      toolName: fields.toolName ?? 'AWS Security Hub',
      scannedAt: fields.scannedAt ?? new Date('2026-11-01T10:00:00Z'),
      findings: 0,
      passed: 0,
      failed: 0,
      notApplicable: 0,
      suppressed: 0,
      mapped: 0,
      unmapped: 0,
      createdById: ctx.userId,
      actor: 'test',
    },
  });
}

/** A failing check on one resource of a control in a system, inserted directly (and its scan when none is given). */
export async function createCheckFailure(
  ctx: OrgContext,
  fields: {
    systemId: string;
    controlId: string;
    resource?: string;
    checkId?: string;
    scanId?: string;
    firstSeenAt?: Date;
    suppressed?: boolean;
    resolvedAt?: Date | null;
    riskAcceptedUntil?: Date | null;
    riskJustification?: string;
  },
) {
  const scanId = fields.scanId ?? (await createFindingScan(ctx)).id;
  const checkId = fields.checkId ?? 's3-bucket-level-public-access-prohibited';
  const resource = fields.resource ?? `arn:aws:s3:::bucket-${randomUUID().slice(0, 8)}`;
  const firstSeenAt = fields.firstSeenAt ?? new Date('2026-11-01T10:00:00Z');
  return prisma.checkFailure.create({
    data: {
      orgId: ctx.orgId,
      systemId: fields.systemId,
      controlId: fields.controlId,
      findingId: `${checkId}/${resource}/${randomUUID()}`,
      checkId,
      title: 'S3 general purpose buckets should block public access',
      severity: 'HIGH',
      resource,
      accountId: '123456789012',
      region: 'eu-west-1',
      remediation: 'Turn on S3 Block Public Access for the bucket.',
      suppressed: fields.suppressed ?? false,
      firstSeenAt,
      lastSeenAt: firstSeenAt,
      firstScanId: scanId,
      resolvedAt: fields.resolvedAt ?? null,
      resolvedScanId: fields.resolvedAt ? scanId : null,
      riskJustification: fields.riskJustification ?? '',
      riskAcceptedUntil: fields.riskAcceptedUntil ?? null,
      riskAcceptedById: fields.riskAcceptedUntil ? ctx.userId : null,
      riskAcceptedAt: fields.riskAcceptedUntil ? new Date() : null,
    },
  });
}

/** Submits an evidence item and has the auditor accept it, each at the item's current version. */
export async function acceptEvidence(editor: OrgContext, auditor: OrgContext, evidenceId: string) {
  const version = async () => (await prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).version;
  await submitEvidence(editor, { evidenceId, version: await version() });
  await reviewEvidence(auditor, { evidenceId, version: await version(), decision: 'ACCEPTED', reason: '' });
}

/**
 * An organization where an editor owns a monthly customer control of an EC2 system, with a note
 * as its evidence, true from `effectiveAt` and accepted by an auditor.
 */
export async function createOwnedControl(effectiveAt: string, title = 'Patch management') {
  const { ctx } = await createOrganization();
  const { ctx: editor, email } = await createMember(ctx, 'EDITOR');
  const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
  const system = await createTestSystem(ctx, ['ec2']);
  const control = await createTestControl(ctx, { defaultType: 'CUSTOMER', cadence: 'MONTHLY', title });
  await saveImplementation(ctx, {
    controlId: control.id,
    systemId: system.id,
    version: 0,
    status: 'IMPLEMENTED',
    narrative: '',
    justification: '',
    ownerId: editor.userId,
    nextReviewAt: '',
  });
  const note = await createNoteEvidence(editor, {
    effectiveAt,
    source: 'export',
    periodStart: '',
    periodEnd: '',
    notes: '',
    title: 'Patch report',
    description: '',
    systemId: '',
    controlIds: [control.id],
    note: 'All instances patched.',
  });
  await acceptEvidence(editor, auditor, note.id);
  return { ctx, editor, email, auditor, system, control, evidenceId: note.id };
}
