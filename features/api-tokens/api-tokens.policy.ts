import { createHash, randomBytes } from 'node:crypto';
import type { ApiScope } from './api-tokens.schema';

/** Every token starts with this, so secret scanners (and people) can tell what leaked. */
export const TOKEN_PREFIX = 'dmc_';
/** A token as given out: the prefix and 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^dmc_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Only this is stored: SHA-256 of the whole token, hex. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type TokenState = 'active' | 'expired' | 'revoked' | 'suspended';

/**
 * A token acts on the authority of the owner or admin who created it: while its creator is not an
 * active member who may manage tokens (disabled, or moved to another role), it is suspended, and
 * works again if they are restored. `creatorCanManage` is that check, read from the membership.
 */
export function tokenState(token: { expiresAt: Date; revokedAt: Date | null; creatorCanManage: boolean }, now = new Date()): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return token.creatorCanManage ? 'active' : 'suspended';
}

export const TOKEN_STATE_LABELS: Record<TokenState, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  suspended: 'Suspended: its creator no longer manages tokens',
};

/** The scope a request needs that the token lacks, or null. */
export function missingScope(granted: readonly string[], needed: ApiScope): ApiScope | null {
  return granted.includes(needed) ? null : needed;
}

/** Requests per token and minute, unless API_RATE_LIMIT_PER_MINUTE says otherwise. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 120;

export function rateLimitPerMinute(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_RATE_LIMIT_PER_MINUTE;
}

/** lastUsedAt is written at most this often per token (a busy pipeline would write it on every call). */
export const LAST_USED_RESOLUTION_SECONDS = 60;
