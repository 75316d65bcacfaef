import 'server-only';
import { seal, unseal } from '@/lib/auth/secret-box';
import { appOrigin } from '@/lib/mail';
import type { FlowSecrets } from './oidc';

// Two short-lived cookies, sealed (AES-256-GCM, lib/auth/secret-box.ts) so the browser can
// neither read nor forge them, httpOnly, and each bound to its purpose:
// - the sign-in in progress: the PKCE verifier, state and nonce, and where to go afterwards;
// - an identity waiting to be linked: an existing account must prove itself (password and
//   second factor) before the provider's subject is linked to it.

export const FLOW_COOKIE = 'demarc.sso-flow';
export const LINK_COOKIE = 'demarc.sso-link';
const FLOW_MAX_AGE_SECONDS = 10 * 60;
const LINK_MAX_AGE_SECONDS = 15 * 60;

export type SsoFlow = FlowSecrets & { orgId: string; callbackUrl: string };
export type PendingLink = { orgId: string; issuer: string; subject: string; email: string; name: string | null };

type CookieOptions = { httpOnly: true; sameSite: 'lax'; secure: boolean; path: string; maxAge: number };

function options(path: string, maxAge: number): CookieOptions {
  // Lax: the provider sends the browser back with a top-level GET, which carries it.
  return { httpOnly: true, sameSite: 'lax', secure: appOrigin().startsWith('https:'), path, maxAge };
}

function sealWithExpiry(purpose: string, value: object, maxAge: number, now: number): string {
  return seal(purpose, JSON.stringify({ ...value, exp: now + maxAge * 1000 }));
}

function openWithExpiry<T>(purpose: string, sealed: string | undefined, now: number): T | null {
  if (!sealed) return null;
  try {
    const value = JSON.parse(unseal(purpose, sealed)) as T & { exp: number };
    return typeof value.exp === 'number' && value.exp > now ? value : null;
  } catch {
    return null;
  }
}

export function flowCookie(flow: SsoFlow, now = Date.now()) {
  return {
    name: FLOW_COOKIE,
    value: sealWithExpiry('sso flow', flow, FLOW_MAX_AGE_SECONDS, now),
    options: options('/api/sso', FLOW_MAX_AGE_SECONDS),
  };
}

export function readFlow(sealed: string | undefined, now = Date.now()): SsoFlow | null {
  return openWithExpiry<SsoFlow>('sso flow', sealed, now);
}

export function linkCookie(pending: PendingLink, now = Date.now()) {
  return {
    name: LINK_COOKIE,
    value: sealWithExpiry('sso link', pending, LINK_MAX_AGE_SECONDS, now),
    options: options('/', LINK_MAX_AGE_SECONDS),
  };
}

export function readPendingLink(sealed: string | undefined, now = Date.now()): PendingLink | null {
  return openWithExpiry<PendingLink>('sso link', sealed, now);
}

/** The attributes that delete a cookie set with these options. */
export function expired(name: typeof FLOW_COOKIE | typeof LINK_COOKIE) {
  return { name, value: '', options: { ...options(name === FLOW_COOKIE ? '/api/sso' : '/', 0) } };
}
