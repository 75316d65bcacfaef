import 'server-only';
import type { z } from 'zod';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import type { setSignInPolicySchema } from './sign-in-policy.schema';

const policySelect = { requireMfa: true, requireSso: true, policyVersion: true } as const;

/** The policy, with how many active members lack a second factor (they would be sent to enrol). */
export async function getSignInPolicy(ctx: OrgContext) {
  const active = { orgId: ctx.orgId, disabledAt: null };
  const [org, members, withMfa, sso] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: policySelect }),
    prisma.membership.count({ where: active }),
    prisma.membership.count({ where: { ...active, user: { mfa: { is: { enabledAt: { not: null } } } } } }),
    prisma.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: { enabled: true } }),
  ]);
  return {
    requireMfa: org.requireMfa,
    requireSso: org.requireSso,
    ssoEnabled: sso?.enabled ?? false,
    version: org.policyVersion,
    membersWithoutMfa: members - withMfa,
  };
}

/**
 * Owners and admins set the policy; it applies from each member's next request. Whoever turns
 * "require MFA" on must have a second factor themselves, so nobody locks themselves out by it.
 * "Require single sign-on" is an owner's decision, needs single sign-on turned on, and needs the
 * owner's own second factor: owners keep password and code as the way in when the provider fails.
 */
export async function setSignInPolicy(ctx: OrgContext, input: z.output<typeof setSignInPolicySchema>) {
  assertCan(ctx, 'members.manage');
  return audited(ctx, async (tx, record) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: policySelect });
    if (input.requireMfa && !before.requireMfa) {
      const own = await tx.userMfa.findUnique({ where: { userId: ctx.userId }, select: { enabledAt: true } });
      if (!own?.enabledAt) {
        throw new AppError(
          'CONFLICT',
          'Turn on two-factor authentication for your own account first (Your account), then require it of everyone.',
        );
      }
    }
    const requireSso = input.requireSso ?? before.requireSso;
    if (requireSso && !before.requireSso) await assertCanRequireSso(tx, ctx);
    const { count } = await tx.organization.updateMany({
      where: { id: ctx.orgId, policyVersion: input.version },
      data: { requireMfa: input.requireMfa, requireSso, policyVersion: { increment: 1 } },
    });
    if (count !== 1) throw staleVersionError('sign-in policy');
    const after = { requireMfa: input.requireMfa, requireSso, policyVersion: input.version + 1 };
    record({ action: 'organization.sign_in_policy_changed', entityType: 'Organization', entityId: ctx.orgId, before, after });
    return { requireMfa: after.requireMfa, requireSso, version: after.policyVersion };
  });
}

async function assertCanRequireSso(tx: Tx, ctx: OrgContext) {
  if (ctx.role !== 'OWNER') throw new AppError('FORBIDDEN', 'Only an owner can require single sign-on.');
  const connection = await tx.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: { enabled: true } });
  if (!connection?.enabled) throw new AppError('CONFLICT', 'Set up and turn on single sign-on first (Members → Single sign-on).');
  const own = await tx.userMfa.findUnique({ where: { userId: ctx.userId }, select: { enabledAt: true } });
  if (!own?.enabledAt) {
    throw new AppError(
      'CONFLICT',
      'Turn on two-factor authentication for your own account first: owners sign in with password and code when the identity provider fails.',
    );
  }
}
