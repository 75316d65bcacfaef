import { describe, expect, it } from 'vitest';
import { expiryKey, expiryThreshold, readUnsubscribeToken, unsubscribeToken, weekOf } from './notifications.policy';

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);
const half = (state: 'CURRENT' | 'EXPIRING' | 'EXPIRED' | 'MISSING', validUntil: string | null) => ({
  state,
  validUntil: validUntil ? d(validUntil) : null,
});

describe('expiryThreshold', () => {
  it('gives the latest threshold reached from the derived validUntil', () => {
    expect(expiryThreshold(half('CURRENT', '2026-11-01'), d('2026-10-01'))).toBeNull();
    expect(expiryThreshold(half('EXPIRING', '2026-11-01'), d('2026-10-02'))).toBe('30');
    expect(expiryThreshold(half('EXPIRING', '2026-11-01'), d('2026-10-25'))).toBe('7');
    expect(expiryThreshold(half('EXPIRING', '2026-11-01'), d('2026-11-01'))).toBe('0');
    expect(expiryThreshold(half('EXPIRED', '2026-11-01'), d('2026-11-02'))).toBe('expired');
    expect(expiryThreshold(half('MISSING', null), d('2026-11-02'))).toBeNull();
    expect(expiryThreshold(null, d('2026-11-02'))).toBeNull();
  });

  it('keys a reminder by control, system, threshold and validity, so a new version restarts the cycle', () => {
    expect(expiryKey('c', 's', '7', d('2026-11-01'))).toBe('evidence_expiry:c:s:7:2026-11-01');
    expect(expiryKey('c', 's', '7', d('2026-12-05'))).not.toBe(expiryKey('c', 's', '7', d('2026-11-01')));
  });
});

describe('unsubscribe tokens', () => {
  it('name one user and kind, and are refused when altered or signed with another secret', () => {
    const token = unsubscribeToken('user-1', 'evidence_expiry', 'secret');
    expect(readUnsubscribeToken(token, 'secret')).toEqual({ userId: 'user-1', kind: 'evidence_expiry' });
    expect(readUnsubscribeToken(token, 'other')).toBeNull();
    const forged = `${Buffer.from(JSON.stringify(['user-2', 'evidence_expiry'])).toString('base64url')}.${token.split('.')[1]}`;
    expect(readUnsubscribeToken(forged, 'secret')).toBeNull();
    expect(readUnsubscribeToken('garbage', 'secret')).toBeNull();
    expect(readUnsubscribeToken(undefined, 'secret')).toBeNull();
  });
});

describe('weekOf', () => {
  it('is the Monday of the week (UTC)', () => {
    expect(weekOf(d('2026-12-01'))).toBe('2026-11-30');
    expect(weekOf(d('2026-11-30'))).toBe('2026-11-30');
    expect(weekOf(d('2026-12-06'))).toBe('2026-11-30');
  });
});
