/** Emails are compared in one form: trimmed, NFKC-normalized, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

/**
 * Sign-in throttling. Every attempt is counted before its password is checked; a success
 * clears its account's count and gives its address the attempt back, so in effect these are
 * failures. A few are free, then each further attempt waits a delay that doubles up to a cap.
 */
export const THROTTLE = {
  /** Attempts are forgotten this long after the last one. */
  windowMs: 15 * 60_000,
  baseDelayMs: 1_000,
  // The account cap stays short so that nobody can lock a victim out for long.
  account: { freeAttempts: 5, maxDelayMs: 60_000 },
  ip: { freeAttempts: 20, maxDelayMs: 5 * 60_000 },
} as const;

export type ThrottleKind = 'account' | 'ip';

/** The wait before the next attempt, once `attempts` have been counted. */
export function throttleDelayMs(kind: ThrottleKind, attempts: number): number {
  const { freeAttempts, maxDelayMs } = THROTTLE[kind];
  if (attempts < freeAttempts) return 0;
  return Math.min(maxDelayMs, THROTTLE.baseDelayMs * 2 ** Math.min(attempts - freeAttempts, 30));
}

/**
 * The most attempts the policy lets through in a burst that lasts `elapsedMs`: the free ones,
 * then one more each time the growing delay has passed. A slow machine stretches a burst, so
 * this (not the free allowance alone) is what a burst test may expect.
 */
export function attemptsAllowedWithin(kind: ThrottleKind, elapsedMs: number): number {
  let allowed = THROTTLE[kind].freeAttempts;
  for (let waited = throttleDelayMs(kind, allowed); waited <= elapsedMs; waited += throttleDelayMs(kind, allowed)) allowed++;
  return allowed;
}

/** Milliseconds until the next attempt is allowed (0 when it is allowed now). */
export function retryAfterMs(kind: ThrottleKind, state: { attempts: number; lastAttemptAt: Date } | null, now: Date): number {
  if (!state) return 0;
  const since = now.getTime() - state.lastAttemptAt.getTime();
  if (since >= THROTTLE.windowMs) return 0;
  return Math.max(0, throttleDelayMs(kind, state.attempts) - since);
}

const RESERVED_SLUGS = new Set(['api', 'sign-in', 'sign-up', 'sign-out', 'account', 'invitations', 'new', 'static']);

/** A URL-safe organization slug from its name; '' when nothing usable is left. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return RESERVED_SLUGS.has(slug) ? `${slug}-org` : slug;
}
