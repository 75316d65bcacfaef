import type { OrgContext, Role } from '@/lib/auth/permissions';

type Target = { userId: string; role: Role; disabled: boolean };
type Change = { role?: Role; disabled?: boolean };

/**
 * Why a membership change is refused, or null when it is allowed. The caller has already
 * checked the members.manage permission.
 */
export function membershipChangeRefusal(
  actor: Pick<OrgContext, 'userId' | 'role'>,
  target: Target,
  change: Change,
  activeOwners: number,
): string | null {
  const touchesOwner = target.role === 'OWNER' || change.role === 'OWNER';
  if (touchesOwner && actor.role !== 'OWNER') return 'Only an owner can grant, change or disable the Owner role.';
  if (change.disabled && target.userId === actor.userId) return 'You cannot disable your own membership.';
  const losesOwner = target.role === 'OWNER' && !target.disabled && (change.disabled || (change.role && change.role !== 'OWNER'));
  if (losesOwner && activeOwners <= 1) return 'An organization needs at least one active owner. Make someone else an owner first.';
  return null;
}
