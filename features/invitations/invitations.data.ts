import 'server-only';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { normalizeEmail } from '@/features/auth/auth.policy';
import { openInvitation } from './accept-invitation.data';
import { hashInvitationToken, invitationExpiry, invitationPath, inviterStillEntitled } from './invitations.policy';
import type { inviteMemberSchema, revokeInvitationSchema } from './invitations.schema';

// What the audit log records of an invitation: never the token, nor its hash.
const invitationSelect = {
  id: true,
  email: true,
  role: true,
  invitedById: true,
  expiresAt: true,
  acceptedAt: true,
  acceptedById: true,
  revokedAt: true,
  revokedById: true,
} as const;

/** Serializes invitations of one email to one organization, so "inviting again replaces" holds under races. */
async function lockInvitee(tx: Tx, orgId: string, email: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invitation:${orgId}:${email}`}, 0))`;
}

/**
 * Adding a member: a single-use invitation for the email with the role, replacing any open one
 * for the same email. Returns the token and the link's path: the only copies of the token.
 *
 * The answer is the same whether or not the email has a Demarc account (no account is looked
 * up here), and no account is ever attached: its owner accepts, signed in.
 */
export async function inviteMember(ctx: OrgContext, raw: z.output<typeof inviteMemberSchema>) {
  assertCan(ctx, 'members.manage');
  const input = { email: normalizeEmail(raw.email), role: raw.role };
  if (input.role === 'OWNER' && ctx.role !== 'OWNER') {
    throw new AppError('FORBIDDEN', 'Only an owner can grant the Owner role.', { role: ['Only an owner can grant the Owner role.'] });
  }
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  return audited({ orgId: ctx.orgId, userId: ctx.userId }, async (tx, record) => {
    await lockInvitee(tx, ctx.orgId, input.email);
    // Membership of this organization is shown on the members page anyway.
    const member = await tx.membership.findFirst({ where: { orgId: ctx.orgId, user: { email: input.email } }, select: { id: true } });
    if (member) {
      throw new AppError('CONFLICT', 'Already a member.', { email: ['This person is already a member of this organization.'] });
    }
    await revokeOpen(tx, { orgId: ctx.orgId, email: input.email }, ctx.userId, now, 'replaced by a new invitation', record);
    const invitation = await tx.invitation.create({
      data: {
        orgId: ctx.orgId,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        invitedById: ctx.userId,
        expiresAt: invitationExpiry(now),
      },
      select: invitationSelect,
    });
    record({ action: 'invitation.created', entityType: 'Invitation', entityId: invitation.id, after: invitation });
    return { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, token, path: invitationPath(token) };
  });
}

/** Revokes the not yet accepted invitations matching `where`, expired ones included, one audit event each. */
async function revokeOpen(
  tx: Tx,
  where: { orgId: string; email?: string; id?: string },
  userId: string,
  now: Date,
  reason: string,
  record: (entry: AuditEntry) => void,
) {
  const pending = { ...where, acceptedAt: null, revokedAt: null };
  const before = await tx.invitation.findMany({ where: pending, select: invitationSelect });
  if (before.length === 0) return 0;
  const { count } = await tx.invitation.updateMany({
    where: { ...pending, id: { in: before.map((b) => b.id) } },
    data: { revokedAt: now, revokedById: userId },
  });
  // Accepted meanwhile: what was read is no longer what would be recorded.
  if (count !== before.length) throw new AppError('CONFLICT', 'An invitation changed meanwhile. Reload the page and try again.');
  for (const b of before) {
    const after = { ...b, revokedAt: now, revokedById: userId, reason };
    record({ action: 'invitation.revoked', entityType: 'Invitation', entityId: b.id, before: b, after });
  }
  return count;
}

/** Open invitations for the members page, newest first. Never the token. */
export async function listInvitations(ctx: OrgContext) {
  assertCan(ctx, 'members.manage');
  const rows = await prisma.invitation.findMany({
    where: { orgId: ctx.orgId, ...openInvitation(new Date()) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      invitedBy: { select: { name: true, memberships: { where: { orgId: ctx.orgId }, select: { role: true, disabledAt: true } } } },
    },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(({ invitedBy, ...row }) => {
    const inviter = invitedBy.memberships[0];
    return {
      ...row,
      invitedBy: invitedBy.name,
      inviterEntitled: inviterStillEntitled(inviter ? { role: inviter.role, disabled: inviter.disabledAt !== null } : null, row.role),
    };
  });
}

export type PendingInvitation = Awaited<ReturnType<typeof listInvitations>>[number];

export async function revokeInvitation(ctx: OrgContext, input: z.output<typeof revokeInvitationSchema>) {
  assertCan(ctx, 'members.manage');
  return audited({ orgId: ctx.orgId, userId: ctx.userId }, async (tx, record) => {
    const revoked = await revokeOpen(tx, { orgId: ctx.orgId, id: input.invitationId }, ctx.userId, new Date(), 'revoked', record);
    if (revoked !== 1) throw new AppError('NOT_FOUND', 'This invitation was already accepted or revoked.');
  });
}
