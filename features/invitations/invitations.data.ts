import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isUniqueViolation, prisma, type Db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { findSessionUser } from '@/features/auth/auth.data';
import { normalizeEmail } from '@/features/auth/auth.policy';
import {
  hashInvitationToken,
  invitationExpiry,
  invitationPath,
  inviterStillEntitled,
  isPlausibleToken,
  INVITATION_GONE_MESSAGE,
} from './invitations.policy';
import type { acceptInvitationSchema, acceptWithNewAccountSchema, inviteMemberSchema, revokeInvitationSchema } from './invitations.schema';

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

const open = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

function gone(): AppError {
  return new AppError('NOT_FOUND', INVITATION_GONE_MESSAGE);
}

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
    where: { orgId: ctx.orgId, ...open(new Date()) },
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

/**
 * The open invitation a link names, with what the invitation page shows; null for an unknown,
 * malformed, expired, revoked or used token, or one whose inviter may no longer invite. The
 * token is the capability: the lookup is by its hash, before any organization is known.
 */
export async function findInvitation(token: string, db: Db | Tx = prisma, now = new Date()) {
  if (!isPlausibleToken(token)) return null;
  const invitation = await db.invitation.findFirst({
    where: { tokenHash: hashInvitationToken(token), ...open(now) },
    select: {
      id: true,
      orgId: true,
      email: true,
      role: true,
      expiresAt: true,
      invitedById: true,
      org: { select: { name: true, slug: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const inviter = await db.membership.findUnique({
    where: { orgId_userId: { orgId: invitation.orgId, userId: invitation.invitedById } },
    select: { role: true, disabledAt: true },
  });
  if (!inviterStillEntitled(inviter && { role: inviter.role, disabled: inviter.disabledAt !== null }, invitation.role)) return null;
  return invitation;
}

type OpenInvitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

/** What the public invitation page may show. */
export async function loadInvitationPage(token: string) {
  const invitation = await findInvitation(token);
  if (!invitation) return null;
  const { email, role, expiresAt, org, invitedBy } = invitation;
  return { email, role, expiresAt, orgName: org.name, invitedBy: invitedBy.name };
}

/**
 * Marks the open invitation used by `user`, in the caller's transaction, and returns it. The
 * conditional update is the single-use guarantee: of two concurrent accepts, the second waits
 * for the first's row lock, then finds the invitation used and is refused.
 */
async function claimInvitation(tx: Tx, token: string, user: { id: string; email: string }, now: Date): Promise<OpenInvitation> {
  const invitation = await findInvitation(token, tx, now);
  if (!invitation) throw gone();
  if (invitation.email !== user.email) {
    throw new AppError(
      'FORBIDDEN',
      `This invitation is for ${invitation.email}, and you are signed in as ${user.email}. Sign out, then open the link again.`,
    );
  }
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, ...open(now) },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (claimed.count !== 1) throw gone();
  return invitation;
}

/** The membership a claimed invitation grants, with the acceptance and the new membership audited. */
async function joinByInvitation(
  tx: Tx,
  invitation: OpenInvitation,
  userId: string,
  now: Date,
  record: (entry: AuditEntry) => void,
): Promise<{ orgSlug: string; membershipId: string }> {
  const membership = await tx.membership
    .create({
      data: { orgId: invitation.orgId, userId, role: invitation.role },
      select: { id: true, orgId: true, userId: true, role: true, createdAt: true },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'You are already a member of this organization.');
      throw error;
    });
  const before = { id: invitation.id, email: invitation.email, role: invitation.role, acceptedAt: null, acceptedById: null };
  const after = { ...before, acceptedAt: now, acceptedById: userId };
  record({ action: 'invitation.accepted', entityType: 'Invitation', entityId: invitation.id, before, after });
  record({ action: 'member.added', entityType: 'Membership', entityId: membership.id, after: membership });
  return { orgSlug: invitation.org.slug, membershipId: membership.id };
}

/**
 * Accepting while signed in: only the account whose email was invited can accept, so an
 * existing account never joins an organization without its owner's say.
 */
export async function acceptInvitation(
  session: { userId: string; sessionVersion: number },
  input: z.output<typeof acceptInvitationSchema>,
) {
  const user = await findSessionUser(session);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  const found = await findInvitation(input.token);
  if (!found) throw gone();
  return audited({ orgId: found.orgId, userId: user.id, email: user.email }, async (tx, record) => {
    const now = new Date();
    const invitation = await claimInvitation(tx, input.token, user, now);
    const { orgSlug, membershipId } = await joinByInvitation(tx, invitation, user.id, now, record);
    return { orgSlug, userId: user.id, membershipId };
  });
}

const ACCOUNT_EXISTS = 'An account with this email already exists. Sign in with it to accept the invitation.';

/**
 * Accepting without an account: the invited person chooses their name and password, and the
 * account is created for the invited email. An existing account is never touched.
 */
export async function acceptInvitationWithNewAccount(input: z.output<typeof acceptWithNewAccountSchema>) {
  const invitation = await findInvitation(input.token);
  if (!invitation) throw gone();
  const email = invitation.email;
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError('CONFLICT', ACCOUNT_EXISTS);
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  return audited({ orgId: invitation.orgId, userId, email }, async (tx, record) => {
    const now = new Date();
    // Claimed first: a concurrent accept of the same link is refused as used, not as a taken email.
    const claimed = await claimInvitation(tx, input.token, { id: userId, email }, now);
    const user = await tx.user
      .create({ data: { id: userId, email, name: input.name, passwordHash }, select: { id: true, email: true, name: true } })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', ACCOUNT_EXISTS);
        throw error;
      });
    record({ action: 'user.created', entityType: 'User', entityId: user.id, after: user });
    const { orgSlug, membershipId } = await joinByInvitation(tx, claimed, userId, now, record);
    return { orgSlug, email, userId, membershipId };
  });
}
