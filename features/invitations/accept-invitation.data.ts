import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isUniqueViolation, prisma, type Db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { passwordWeakness } from '@/features/auth/password.policy';
import { audited, type AuditEntry } from '@/features/audit/audit.data';
import { findSessionUser } from '@/features/auth/auth.data';
import { hashInvitationToken, inviterStillEntitled, isPlausibleToken, INVITATION_GONE_MESSAGE } from './invitations.policy';
import type { acceptInvitationSchema, acceptWithNewAccountSchema } from './invitations.schema';

/** Not accepted, not revoked, not expired. */
export const openInvitation = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

function gone(): AppError {
  return new AppError('NOT_FOUND', INVITATION_GONE_MESSAGE);
}

/**
 * The open invitation a link names, with what the invitation page shows; null for an unknown,
 * malformed, expired, revoked or used token, or one whose inviter may no longer invite. The
 * token is the capability: the lookup is by its hash, before any organization is known.
 */
export async function findInvitation(token: string, db: Db | Tx = prisma, now = new Date()) {
  if (!isPlausibleToken(token)) return null;
  const invitation = await db.invitation.findFirst({
    where: { tokenHash: hashInvitationToken(token), ...openInvitation(now) },
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
    where: { id: invitation.id, ...openInvitation(now) },
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

/**
 * The password rule for an invited person, with the words only the token reveals: the invited
 * email and the organization's name count as guessable, like the chosen name (the form's schema
 * counts that one). Applied where the action takes the input, as the schema's rule is.
 */
export async function refuseGuessableInvitationPassword(input: { token: string; name: string; password: string }) {
  const invitation = await findInvitation(input.token);
  if (!invitation) return; // the accept itself answers that the link is gone
  const weakness = await passwordWeakness(input.password, [input.name, invitation.email, invitation.org.name]);
  if (weakness) throw new AppError('VALIDATION', 'Choose another password.', { password: [weakness] });
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
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    // A concurrent accept of this link may have just created the account: then the link is used.
    if (!(await findInvitation(input.token))) throw gone();
    throw new AppError('CONFLICT', ACCOUNT_EXISTS);
  }
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
