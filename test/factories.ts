// Builders for integration tests, through the app's own data functions so every row is
// created the way the app creates it (audit events included).
import { randomUUID } from 'node:crypto';
import { findOrgContext, findUserIdByEmail, signUp } from '@/features/auth/auth.data';
import { addMember } from '@/features/members/members.data';
import type { OrgContext, Role } from '@/lib/auth/permissions';

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

/** A new member with the given role, and their context. */
export async function createMember(owner: OrgContext, role: Role) {
  const email = uniqueEmail(role.toLowerCase());
  const membership = await addMember(owner, { email, role, name: `${role} member`, initialPassword: TEST_PASSWORD });
  const ctx: OrgContext = { userId: membership.user.id, orgId: owner.orgId, orgSlug: owner.orgSlug, role };
  return { ctx, email, membershipId: membership.id };
}
