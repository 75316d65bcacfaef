// Pure rules of single sign-on (features/sso): which identity-provider addresses are acceptable,
// and which e-mail domains may join an organization just in time.

/** Loopback hosts: an identity provider on the same machine may be reached over plain http (tests, development). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http to a loopback host; never credentials, a query or a fragment in an issuer. */
export function isAcceptableIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

/** Whether plain http may be used to reach this issuer (loopback only). */
export function isLoopbackHttp(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function isDomain(value: string): boolean {
  return DOMAIN.test(value);
}

/** Domains as typed (commas, spaces or new lines between them; an `@` in front is dropped), lower case, each once. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().replace(/^@/, '').toLowerCase())
    .filter(Boolean);
  return [...new Set(domains)];
}

/** The domain of an e-mail address (after the last `@`), lower case; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export function isDomainAllowed(email: string, allowed: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== '' && allowed.includes(domain);
}

/** Why a sign-in through single sign-on was refused; the reason is recorded, the message shown. */
export const SSO_REFUSALS = {
  'not-configured': 'Single sign-on is not set up for this organization. Sign in with your e-mail and password.',
  'flow-expired': 'This sign-in took too long or was started in another browser. Start again.',
  'state-mismatch': 'This sign-in answer does not belong to the sign-in you started. Start again.',
  'idp-error': 'Your identity provider did not sign you in. Start again, or ask your administrator.',
  'token-invalid': 'Your identity provider’s answer could not be verified. Ask your administrator to check the single sign-on settings.',
  'email-unverified': 'Your identity provider did not confirm your e-mail address, so Demarc cannot sign you in with it.',
  'domain-not-allowed':
    'Your e-mail domain is not allowed to join this organization through single sign-on. Ask an owner to invite you or to allow your domain.',
  'account-disabled': 'Your membership of this organization is disabled. Ask an owner or admin.',
  'account-not-linked':
    'An account with your e-mail address already exists. Sign in with its password (and code) to link your identity provider to it; after that, single sign-on signs you in directly.',
} as const;
export type SsoRefusalReason = keyof typeof SSO_REFUSALS;

/** The refusal reason named in a sign-in page's address, if it is one of ours. */
export function ssoRefusalMessage(reason: string | null | undefined): string | null {
  return reason && Object.hasOwn(SSO_REFUSALS, reason) ? SSO_REFUSALS[reason as SsoRefusalReason] : null;
}
