import { describe, expect, it } from 'vitest';
import { attemptsAllowedWithin, normalizeEmail, retryAfterMs, slugify, throttleDelayMs, THROTTLE } from './auth.policy';

describe('normalizeEmail', () => {
  it('trims, applies NFKC and lower-cases', () => {
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
    // Fullwidth letters fold to ASCII under NFKC.
    expect(normalizeEmail('ＢＯＢ@example.com')).toBe('bob@example.com');
  });
});

describe('throttling', () => {
  it('allows a few failures, then doubles the delay up to the cap', () => {
    const free = THROTTLE.account.freeAttempts;
    expect(throttleDelayMs('account', free - 1)).toBe(0);
    expect(throttleDelayMs('account', free)).toBe(1_000);
    expect(throttleDelayMs('account', free + 1)).toBe(2_000);
    expect(throttleDelayMs('account', free + 50)).toBe(THROTTLE.account.maxDelayMs);
    expect(throttleDelayMs('ip', 1_000_000)).toBe(THROTTLE.ip.maxDelayMs);
  });

  it('counts the delay from the last failure and forgets after the window', () => {
    const last = new Date('2026-01-01T00:00:00Z');
    const state = { attempts: THROTTLE.account.freeAttempts + 2, lastAttemptAt: last };
    expect(retryAfterMs('account', state, new Date(last.getTime() + 1_000))).toBe(3_000);
    expect(retryAfterMs('account', state, new Date(last.getTime() + 4_000))).toBe(0);
    const many = { attempts: 1_000, lastAttemptAt: last };
    expect(retryAfterMs('ip', many, new Date(last.getTime() + THROTTLE.windowMs))).toBe(0);
    expect(retryAfterMs('account', null, last)).toBe(0);
  });
});

describe('slugify', () => {
  it('makes URL-safe slugs and avoids reserved routes', () => {
    expect(slugify('  Acme Café — Payments! ')).toBe('acme-cafe-payments');
    expect(slugify('Sign In')).toBe('sign-in-org');
    expect(slugify('!!!')).toBe('');
  });
});

describe('a burst', () => {
  it('lets through the free attempts, then one more each time the growing delay has passed', () => {
    expect(attemptsAllowedWithin('account', 0)).toBe(5);
    expect(attemptsAllowedWithin('account', 999)).toBe(5);
    expect(attemptsAllowedWithin('account', 1_000)).toBe(6);
    expect(attemptsAllowedWithin('account', 2_999)).toBe(6);
    expect(attemptsAllowedWithin('account', 3_000)).toBe(7);
    expect(attemptsAllowedWithin('ip', 500)).toBe(20);
  });
});
