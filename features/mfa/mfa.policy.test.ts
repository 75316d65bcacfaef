import { describe, expect, it } from 'vitest';
import { isTotpCode, normalizeCode, recoveryCodeFrom, timeStepAt } from './mfa.policy';

describe('second-factor codes', () => {
  it('tells an authenticator code from a recovery code, however it is spaced', () => {
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('k7h2m-qx9pt')).toBe(false);
    expect(normalizeCode(' K7H2M-QX9PT ')).toBe('k7h2mqx9pt');
  });

  it('writes recovery codes as two groups of five from an alphabet without look-alikes', () => {
    const code = recoveryCodeFrom(Uint8Array.from({ length: 10 }, (_, i) => i * 37));
    expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(() => recoveryCodeFrom(new Uint8Array(4))).toThrow();
  });

  it('counts 30-second time steps from the Unix epoch (RFC 6238)', () => {
    expect(timeStepAt(new Date(59_000))).toBe(1);
    expect(timeStepAt(new Date(60_000))).toBe(2);
  });
});
