import { createHash } from 'node:crypto';
import { can, type Role } from '@/lib/auth/permissions';

/** An invitation link works for a week. */
export const INVITATION_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Tokens are 32 random bytes in base64url: 43 characters. Anything else names no invitation. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isPlausibleToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** What the database stores and looks up: the token's SHA-256, never the token itself. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS);
}

/** The path of the page where the invited person accepts. */
export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}

export type InvitationState = 'open' | 'accepted' | 'revoked' | 'expired';

export function invitationState(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() > now.getTime() ? 'open' : 'expired';
}

/**
 * An invitation holds only while the member who sent it could still send it: an admin who was
 * disabled or lost the role takes their open invitations with them, and only an owner's
 * invitation can make someone an owner.
 */
export function inviterStillEntitled(inviter: { role: Role; disabled: boolean } | null, invitedRole: Role): boolean {
  if (!inviter || inviter.disabled || !can(inviter.role, 'members.manage')) return false;
  return invitedRole !== 'OWNER' || inviter.role === 'OWNER';
}

/** Shown for unknown, expired, revoked and used links alike. */
export const INVITATION_GONE_MESSAGE = 'This invitation has expired — ask an admin for a new one.';
