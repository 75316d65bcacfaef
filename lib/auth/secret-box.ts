import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Secrets Demarc must read back (a TOTP secret) are stored encrypted: AES-256-GCM with a key
// derived by HKDF-SHA256 from NEXTAUTH_SECRET, the secret that already signs sessions (every
// instance has the same one). Each purpose derives its own key (`info`), so a value sealed for one
// purpose does not open for another. Changing NEXTAUTH_SECRET makes sealed values unreadable:
// people then enrol their second factor again (or use a recovery code).

const VERSION = 'v1';

function keyFor(purpose: string): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set: it is needed to encrypt second-factor secrets.');
  return Buffer.from(hkdfSync('sha256', secret, 'demarc secret-box', `demarc ${purpose} ${VERSION}`, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url; the purpose is bound in as associated data too. */
export function seal(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The plaintext, or an error when the value was changed or sealed with another key. */
export function unseal(purpose: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
