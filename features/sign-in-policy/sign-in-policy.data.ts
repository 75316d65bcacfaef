import 'server-only';
import type { z } from 'zod';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import type { setSignInPolicySchema } from './sign-in-policy.schema';

const policySelect = { requireMfa: true, policyVersion: true } as const;

/** The policy, with how many active members lack a second factor (they would be sent to enrol). */
export async function getSignInPolicy(ctx: OrgContext) {
  const active = { orgId: ctx.orgId, disabledAt: null };
  const [org, members, withMfa] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: policySelect }),
    prisma.membership.count({ where: active }),
    prisma.membership.count({ where: { ...active, user: { mfa: { is: { enabledAt: { not: null } } } } } }),
  ]);
  return { requireMfa: org.requireMfa, version: org.policyVersion, membersWithoutMfa: members - withMfa };
}

/**
 * Owners and admins set the policy; it applies from each member's next request. Whoever turns
 * "require MFA" on must have a second factor themselves, so nobody locks themselves out by it.
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
    const { count } = await tx.organization.updateMany({
      where: { id: ctx.orgId, policyVersion: input.version },
      data: { requireMfa: input.requireMfa, policyVersion: { increment: 1 } },
    });
    if (count !== 1) throw staleVersionError('sign-in policy');
    const after = { requireMfa: input.requireMfa, policyVersion: input.version + 1 };
    record({ action: 'organization.sign_in_policy_changed', entityType: 'Organization', entityId: ctx.orgId, before, after });
    return { requireMfa: after.requireMfa, version: after.policyVersion };
  });
}
