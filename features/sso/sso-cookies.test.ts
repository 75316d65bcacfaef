import { beforeAll, describe, expect, it } from 'vitest';
import { flowCookie, linkCookie, readFlow, readPendingLink } from './sso-cookies';

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-for-sso-cookies-0123456789';
});

const flow = { orgId: 'org', state: 's', nonce: 'n', codeVerifier: 'v', callbackUrl: '/' };
const pending = { orgId: 'org', issuer: 'https://idp.example', subject: 'sub', email: 'ann@example.com', name: null };

describe('the sealed single sign-on cookies', () => {
  it('are httpOnly and short-lived, and read back what was sealed until they expire', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const cookie = flowCookie(flow, now);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/api/sso', maxAge: 600 });
    expect(cookie.value).not.toContain('"state"');
    expect(readFlow(cookie.value, now + 1000)).toMatchObject(flow);
    expect(readFlow(cookie.value, now + 601_000)).toBeNull();
    expect(readPendingLink(linkCookie(pending, now).value, now + 1000)).toMatchObject(pending);
  });

  it('refuse a changed value, and one sealed for the other purpose', () => {
    const sealed = flowCookie(flow).value;
    const changed = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(readFlow(changed)).toBeNull();
    expect(readFlow(linkCookie(pending).value)).toBeNull();
    expect(readPendingLink(sealed)).toBeNull();
    expect(readFlow(undefined)).toBeNull();
    expect(readFlow('garbage')).toBeNull();
  });
});
