// Pure rules of the second factor: what a code looks like, how recovery codes are made and
// compared, and what the sign-in form is told when a password was right but a code is needed.

/** TOTP as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** A code is accepted one step either side of now (clock drift), never twice (see lastTimeStep). */
export const TOTP_TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
export const MFA_ISSUER = 'Demarc';

/**
 * The error the credentials provider answers when the password was right and the account has a
 * second factor, but no code came with it: no session is made, and the form asks for the code.
 */
export const MFA_CODE_REQUIRED = 'mfa-code-required';

/** Spaces and dashes are dropped, letters lower-cased: "ABCDE-12345" and "abcde 12345" are one code. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** Six digits are an authenticator code; anything else is tried as a recovery code. */
export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(normalizeCode(code));
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), ~50 bits each.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Turns random bytes into one recovery code, written as two groups of five ("k7h2m-qx9pt"). */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error('A recovery code needs 10 random bytes');
  const chars = Array.from(bytes.subarray(0, 10), (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The 30-second time step a moment falls in (RFC 6238's T). */
export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}
