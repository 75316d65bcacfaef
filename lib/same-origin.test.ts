import { describe, expect, it } from 'vitest';
import { assertSameOrigin } from './same-origin';

const request = (headers: Record<string, string>) => new Request('http://localhost:3000/x', { method: 'POST', headers });

describe('assertSameOrigin', () => {
  it('accepts a request from the same host', () => {
    expect(() => assertSameOrigin(request({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).not.toThrow();
  });
  it('refuses another origin or none', () => {
    expect(() => assertSameOrigin(request({ origin: 'https://evil.example', host: 'localhost:3000' }))).toThrow(
      /did not come from a Demarc page/,
    );
    expect(() => assertSameOrigin(request({ host: 'localhost:3000' }))).toThrow();
  });
  it('refuses an origin that is not a URL (Origin: null) as not ours, not as a crash', () => {
    expect(() => assertSameOrigin(request({ origin: 'null', host: 'localhost:3000' }))).toThrow(/did not come from a Demarc page/);
    expect(() => assertSameOrigin(request({ origin: 'http://[', host: 'localhost:3000' }))).toThrow(/did not come from a Demarc page/);
  });
});
