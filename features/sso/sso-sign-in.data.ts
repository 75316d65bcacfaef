import 'server-only';
import { randomBytes } from 'node:crypto';
import { prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';
import { appendAudit, audited, TRANSACTION_DEFAULTS, type AuditEntry } from '@/features/audit/audit.data';
import { normalizeEmail } from '@/features/auth/auth.policy';
import { openInvitation } from '@/features/invitations/accept-invitation.data';
import { inviterStillEntitled } from '@/features/invitations/invitations.policy';
import type { VerifiedIdentity } from './oidc';
import type { PendingLink } from './sso-cookies';
import { isDomainAllowed, type SsoRefusalReason } from './sso.policy';
import type { EnabledConnection } from './sso-connection.data';

export type SsoUser = { id: string; email: string; name: string; sessionVersion: number };
export type SsoOutcome =
  | { kind: 'signed-in'; user: SsoUser; orgSlug: string }
  | { kind: 'link'; pending: PendingLink }
  | { kind: 'refused'; reason: SsoRefusalReason };

const userSelect = { id: true, email: true, name: true, sessionVersion: true } as const;

/** Records a refused sign-in in the organization's log (or the platform's when none is known). */
export async function recordSsoRefusal(
  orgId: string | null,
  reason: SsoRefusalReason,
  details: { subject?: string; email?: string | null } = {},
) {
  await prisma.$transaction(
    (tx) =>
      appendAudit(
        tx,
        { orgId, userId: null, email: details.email ?? null },
        {
          action: 'sso.refused',
          entityType: 'SsoConnection',
          entityId: orgId,
          after: { reason, ...(details.subject ? { subject: details.subject } : {}) },
        },
      ),
    TRANSACTION_DEFAULTS,
  );
}

/** An open invitation to the organization for this address whose inviter may still grant its role. */
async function findOpenInvitation(tx: Tx, orgId: string, email: string, now: Date) {
  const invitation = await tx.invitation.findFirst({
    where: { orgId, email, ...openInvitation(now) },
    select: { id: true, email: true, role: true, invitedById: true },
  });
  if (!invitation) return null;
  const inviter = await tx.membership.findUnique({
    where: { orgId_userId: { orgId, userId: invitation.invitedById } },
    select: { role: true, disabledAt: true },
  });
  return inviterStillEntitled(inviter && { role: inviter.role, disabled: inviter.disabledAt !== null }, invitation.role)
    ? invitation
    : null;
}

/**
 * Makes `userId` a member (by an open invitation for their address, or as the connection's
 * role when their domain is allowed), or refuses. An existing membership is kept as it is.
 */
async function ensureMembership(
  tx: Tx,
  connection: Pick<EnabledConnection, 'orgId' | 'allowedDomains' | 'defaultRole'>,
  user: { id: string; email: string },
  now: Date,
  record: (entry: AuditEntry) => void,
): Promise<'member' | 'disabled' | 'domain-not-allowed'> {
  const existing = await tx.membership.findUnique({
    where: { orgId_userId: { orgId: connection.orgId, userId: user.id } },
    select: { disabledAt: true },
  });
  if (existing) return existing.disabledAt ? 'disabled' : 'member';
  const invitation = await findOpenInvitation(tx, connection.orgId, user.email, now);
  let role: Role;
  if (invitation) {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, ...openInvitation(now) },
      data: { acceptedAt: now, acceptedById: user.id },
    });
    if (claimed.count !== 1) return 'domain-not-allowed';
    role = invitation.role;
    const before = { id: invitation.id, email: invitation.email, role, acceptedAt: null, acceptedById: null };
    record({
      action: 'invitation.accepted',
      entityType: 'Invitation',
      entityId: invitation.id,
      before,
      after: { ...before, acceptedAt: now, acceptedById: user.id },
    });
  } else if (isDomainAllowed(user.email, connection.allowedDomains)) {
    role = connection.defaultRole === 'OWNER' ? 'VIEWER' : connection.defaultRole;
  } else {
    return 'domain-not-allowed';
  }
  const membership = await tx.membership.create({
    data: { orgId: connection.orgId, userId: user.id, role },
    select: { id: true, orgId: true, userId: true, role: true, createdAt: true },
  });
  record({
    action: 'member.added',
    entityType: 'Membership',
    entityId: membership.id,
    after: { ...membership, via: invitation ? 'invitation' : 'sso' },
  });
  return 'member';
}

class Refused extends Error {
  constructor(readonly reason: SsoRefusalReason) {
    super(reason);
  }
}

/** The sign-in itself, recorded: when the identity and membership were last used through single sign-on. */
async function markSignedIn(
  tx: Tx,
  orgId: string,
  identityId: string,
  userId: string,
  now: Date,
  record: (entry: AuditEntry) => void,
  how: string,
) {
  await tx.ssoIdentity.update({ where: { id: identityId }, data: { lastSignInAt: now } });
  await tx.membership.update({ where: { orgId_userId: { orgId, userId } }, data: { lastSsoSignInAt: now } });
  record({ action: 'sso.signed_in', entityType: 'User', entityId: userId, after: { how } });
}

/**
 * Decides what a verified identity gets. A linked subject signs in. Otherwise the e-mail must be
 * verified by the provider: an address with no account gets one (no usable password) when it
 * holds an invitation or its domain is allowed; an address that already has an account is
 * never signed in by the claim alone; its owner proves the account first (`link`).
 */
export async function completeSsoSignIn(connection: EnabledConnection, identity: VerifiedIdentity, now = new Date()): Promise<SsoOutcome> {
  const { orgId, issuer } = connection;
  const linked = await prisma.ssoIdentity.findUnique({
    where: { orgId_issuer_subject: { orgId, issuer, subject: identity.subject } },
    select: { id: true, user: { select: userSelect } },
  });
  const email = identity.email ? normalizeEmail(identity.email) : null;
  const refuse = async (reason: SsoRefusalReason) => {
    await recordSsoRefusal(orgId, reason, { subject: identity.subject, email });
    return { kind: 'refused', reason } as const;
  };
  if (!linked && (!email || !identity.emailVerified)) return refuse('email-unverified');
  const existing = linked ? null : await prisma.user.findUnique({ where: { email: email! }, select: { id: true } });
  if (existing) {
    await recordSsoRefusal(orgId, 'account-not-linked', { subject: identity.subject, email });
    return { kind: 'link', pending: { orgId, issuer, subject: identity.subject, email: email!, name: identity.name } };
  }
  // Refused before any work when neither an allowed domain nor an invitation lets the address in.
  if (!linked && !isDomainAllowed(email!, connection.allowedDomains)) {
    const invited = await prisma.$transaction((tx) => findOpenInvitation(tx, orgId, email!, now), TRANSACTION_DEFAULTS);
    if (!invited) return refuse('domain-not-allowed');
  }
  // A new account's password is random and never told: it signs in through the provider only.
  const passwordHash = linked ? null : await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await audited({ orgId, userId: linked?.user.id ?? null, email: linked?.user.email ?? email }, async (tx, record) => {
      const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slug: true } });
      if (linked) {
        const membership = await ensureMembership(tx, connection, linked.user, now, record);
        if (membership !== 'member') throw new Refused(membership === 'disabled' ? 'account-disabled' : 'domain-not-allowed');
        await markSignedIn(tx, orgId, linked.id, linked.user.id, now, record, 'linked identity');
        return { kind: 'signed-in', user: linked.user, orgSlug: org.slug } as const;
      }
      const name = identity.name?.trim().slice(0, 200) || email!.split('@')[0]!;
      const user = await tx.user.create({ data: { email: email!, name, passwordHash: passwordHash! }, select: userSelect });
      if ((await ensureMembership(tx, connection, user, now, record)) !== 'member') throw new Refused('domain-not-allowed');
      record({
        action: 'user.created',
        entityType: 'User',
        entityId: user.id,
        after: { id: user.id, email: user.email, name: user.name, via: 'sso' },
      });
      const link = await tx.ssoIdentity.create({
        data: { orgId, issuer, subject: identity.subject, userId: user.id },
        select: { id: true },
      });
      await markSignedIn(tx, orgId, link.id, user.id, now, record, 'new account');
      return { kind: 'signed-in', user, orgSlug: org.slug } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return refuse(error.reason);
    throw error;
  }
}

/**
 * Links a pending identity to the signed-in account that just proved itself (its password, and
 * its second factor when it has one). The account must be the one with the provider's verified
 * address; it joins the organization by an invitation or an allowed domain if not yet a member.
 */
export async function linkPendingIdentity(
  session: { userId: string; sessionVersion: number },
  pending: PendingLink,
  connection: EnabledConnection | null,
  now = new Date(),
) {
  const user = await prisma.user.findFirst({ where: { id: session.userId, sessionVersion: session.sessionVersion }, select: userSelect });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  if (!connection || connection.orgId !== pending.orgId || connection.issuer !== pending.issuer) {
    throw new AppError('CONFLICT', 'Single sign-on for this organization changed meanwhile. Start the sign-in through it again.');
  }
  if (user.email !== pending.email) {
    throw new AppError(
      'FORBIDDEN',
      `Your identity provider signed you in as ${pending.email}, and you are signed in to Demarc as ${user.email}. Sign in with the account for ${pending.email}.`,
    );
  }
  try {
    return await audited({ orgId: pending.orgId, userId: user.id, email: user.email }, async (tx, record) => {
      const membership = await ensureMembership(tx, connection, user, now, record);
      if (membership !== 'member') throw new Refused(membership === 'disabled' ? 'account-disabled' : 'domain-not-allowed');
      const link = await tx.ssoIdentity.upsert({
        where: { orgId_issuer_subject: { orgId: pending.orgId, issuer: pending.issuer, subject: pending.subject } },
        create: { orgId: pending.orgId, issuer: pending.issuer, subject: pending.subject, userId: user.id },
        update: {},
        select: { id: true, userId: true },
      });
      if (link.userId !== user.id) throw new AppError('CONFLICT', 'This identity is already linked to another account.');
      record({ action: 'sso.linked', entityType: 'User', entityId: user.id, after: { issuer: pending.issuer, subject: pending.subject } });
      await markSignedIn(tx, pending.orgId, link.id, user.id, now, record, 'linked after proving the account');
      const org = await tx.organization.findUniqueOrThrow({ where: { id: pending.orgId }, select: { slug: true } });
      return { user, orgSlug: org.slug };
    });
  } catch (error) {
    if (error instanceof Refused) {
      await recordSsoRefusal(pending.orgId, error.reason, { subject: pending.subject, email: user.email });
      throw new AppError(
        'FORBIDDEN',
        error.reason === 'account-disabled'
          ? 'Your membership of this organization is disabled.'
          : 'Your e-mail domain is not allowed to join this organization through single sign-on. Ask an owner to invite you.',
      );
    }
    throw error;
  }
}
