import { describe, expect, it } from 'vitest';
import {
  hashInvitationToken,
  invitationExpiry,
  invitationState,
  inviterStillEntitled,
  isPlausibleToken,
  INVITATION_TTL_DAYS,
} from './invitations.policy';

const TOKEN = 'q3Vb0dC9sJ1qfJxkz0pWn6y2Yq1mO8b7c5R4e3T2w1A';

describe('invitation tokens', () => {
  it('are 43 base64url characters; anything else names no invitation', () => {
    expect(isPlausibleToken(TOKEN)).toBe(true);
    expect(isPlausibleToken(TOKEN.slice(1))).toBe(false);
    expect(isPlausibleToken(`${TOKEN.slice(1)}=`)).toBe(false);
    expect(isPlausibleToken('../../etc/passwd')).toBe(false);
  });

  it('are stored as their SHA-256, never as themselves', () => {
    const hash = hashInvitationToken(TOKEN);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(TOKEN);
    expect(hashInvitationToken(TOKEN)).toBe(hash);
    expect(hashInvitationToken(TOKEN.replace('q', 'Q'))).not.toBe(hash);
  });
});

describe('invitationState', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const open = { acceptedAt: null, revokedAt: null, expiresAt: invitationExpiry(now) };

  it('expires a week after it is created', () => {
    expect(open.expiresAt.getTime() - now.getTime()).toBe(INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
    expect(invitationState(open, now)).toBe('open');
    expect(invitationState(open, open.expiresAt)).toBe('expired');
  });

  it('is used or revoked once either happened, whatever the expiry', () => {
    expect(invitationState({ ...open, acceptedAt: now }, now)).toBe('accepted');
    expect(invitationState({ ...open, revokedAt: now }, now)).toBe('revoked');
  });
});

describe('inviterStillEntitled', () => {
  it('holds while the inviter is an active owner or admin', () => {
    expect(inviterStillEntitled({ role: 'ADMIN', disabled: false }, 'EDITOR')).toBe(true);
    expect(inviterStillEntitled({ role: 'OWNER', disabled: false }, 'OWNER')).toBe(true);
  });

  it('lapses when the inviter is gone, disabled or below admin, and an admin never makes an owner', () => {
    expect(inviterStillEntitled(null, 'VIEWER')).toBe(false);
    expect(inviterStillEntitled({ role: 'ADMIN', disabled: true }, 'VIEWER')).toBe(false);
    expect(inviterStillEntitled({ role: 'EDITOR', disabled: false }, 'VIEWER')).toBe(false);
    expect(inviterStillEntitled({ role: 'ADMIN', disabled: false }, 'OWNER')).toBe(false);
  });
});
