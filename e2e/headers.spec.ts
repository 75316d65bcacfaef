import { expect, test } from '@playwright/test';

test('pages carry a nonce-based CSP and the other security headers', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const csp = first.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toBe(second.headers()['content-security-policy']);
  expect(first.headers()['x-content-type-options']).toBe('nosniff');
  expect(first.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(first.headers()['strict-transport-security']).toContain('max-age=');
  expect(first.headers()['x-powered-by']).toBeUndefined();
});
