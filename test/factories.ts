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
