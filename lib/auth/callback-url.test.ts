import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

const ORIGIN = 'http://localhost:3000';

describe('safeCallbackUrl', () => {
  it('keeps destinations on the app itself, as paths', () => {
    expect(safeCallbackUrl('/acme/controls?system=a#top', ORIGIN)).toBe('/acme/controls?system=a#top');
    expect(safeCallbackUrl('/account', ORIGIN)).toBe('/account');
    expect(safeCallbackUrl(`${ORIGIN}/acme`, ORIGIN)).toBe('/acme');
    // Still a path on this app: the encoded tab is never decoded into the path.
    expect(safeCallbackUrl('/%09/evil.test', ORIGIN)).toBe('/%09/evil.test');
    // Same origin, but a path starting with '//' is made single-slashed.
    expect(safeCallbackUrl(`${ORIGIN}//evil.test`, ORIGIN)).toBe('/evil.test');
  });

  it.each([
    ['/\t/evil.test'], // callbackUrl=/%09/evil.test once the query string is decoded
    ['/\n/evil.test'],
    ['/\r/evil.test'],
    ['/\r\n/evil.test'],
    ['\t//evil.test'],
    ['  //evil.test'],
    ['//evil.test'],
    ['///evil.test'],
    ['/\\evil.test'],
    ['\\\\evil.test'],
    ['\\/evil.test'],
    ['https://evil.test'],
    ['https://evil.test/?next=http://localhost:3000/'],
    ['http://localhost:3000@evil.test/'],
    ['http://localhost:3001/'],
    ['https://localhost:3000/'],
    ['javascript:alert(document.domain)'],
    ['data:text/html,<script>alert(1)</script>'],
  ])('refuses %j', (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe('/');
  });

  it('goes home when there is nothing usable', () => {
    expect(safeCallbackUrl(null, ORIGIN)).toBe('/');
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe('/');
    expect(safeCallbackUrl('', ORIGIN)).toBe('/');
    expect(safeCallbackUrl('http://[broken', ORIGIN)).toBe('/');
  });
});
