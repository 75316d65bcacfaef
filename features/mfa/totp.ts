import 'server-only';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { seal, unseal } from '@/lib/auth/secret-box';
import { MFA_ISSUER, normalizeCode, timeStepAt, TOTP_PERIOD_SECONDS, TOTP_TOLERANCE_SECONDS } from './mfa.policy';

// otplib (v13, RFC 6238) behind three calls, so the rest of Demarc never sees its options.

const SEAL_PURPOSE = 'totp-secret';

/** A new base32 secret (20 random bytes, as authenticator apps expect), sealed for storage. */
export function newSealedSecret(): string {
  return seal(SEAL_PURPOSE, generateSecret());
}

export function openSecret(sealed: string): string {
  return unseal(SEAL_PURPOSE, sealed);
}

/**
 * The time step a code is valid for at `now` (one step of drift either side), or null. A code for
 * `afterTimeStep` or an earlier step is refused: a code is good once.
 */
export async function verifyTotp(secret: string, code: string, now: Date, afterTimeStep: number | null): Promise<number | null> {
  // Every step the window reaches was used already (a clock that went back): no code can be good,
  // and otplib refuses such an afterTimeStep with an error rather than an answer.
  if (afterTimeStep !== null && afterTimeStep >= timeStepAt(now) + TOTP_TOLERANCE_SECONDS / TOTP_PERIOD_SECONDS) return null;
  const result = await verify({
    secret,
    token: normalizeCode(code),
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  // The functional API also types HOTP's result; a TOTP match always carries its time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: MFA_ISSUER, label: accountEmail, secret, period: TOTP_PERIOD_SECONDS });
}

/** The QR code of the address, as SVG markup rendered on the server (no request leaves Demarc). */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
