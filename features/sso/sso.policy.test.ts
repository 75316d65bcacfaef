import { describe, expect, it } from 'vitest';
import { emailDomain, isAcceptableIssuer, isDomainAllowed, parseDomains, ssoRefusalMessage } from './sso.policy';
import { saveSsoConnectionSchema } from './sso.schema';

describe('single sign-on rules', () => {
  it('accepts https issuers, and plain http only on loopback', () => {
    expect(isAcceptableIssuer('https://login.example.com')).toBe(true);
    expect(isAcceptableIssuer('https://login.example.com/realms/acme')).toBe(true);
    expect(isAcceptableIssuer('http://localhost:4000')).toBe(true);
    expect(isAcceptableIssuer('http://127.0.0.1:4000/oidc')).toBe(true);
    expect(isAcceptableIssuer('http://login.example.com')).toBe(false);
    expect(isAcceptableIssuer('https://user:pw@login.example.com')).toBe(false);
    expect(isAcceptableIssuer('https://login.example.com/?x=1')).toBe(false);
    expect(isAcceptableIssuer('javascript:alert(1)')).toBe(false);
    expect(isAcceptableIssuer('not a url')).toBe(false);
  });

  it('reads domains as typed, and matches an address by its exact domain', () => {
    expect(parseDomains(' Example.com, @acme.io\nexample.com ;sub.acme.io ')).toEqual(['example.com', 'acme.io', 'sub.acme.io']);
    expect(emailDomain('Ann@Example.COM')).toBe('example.com');
    expect(isDomainAllowed('ann@example.com', ['example.com'])).toBe(true);
    expect(isDomainAllowed('ann@evil-example.com', ['example.com'])).toBe(false);
    expect(isDomainAllowed('ann@sub.example.com', ['example.com'])).toBe(false);
    expect(isDomainAllowed('example.com', ['example.com'])).toBe(false);
  });

  it('names only its own refusal reasons', () => {
    expect(ssoRefusalMessage('domain-not-allowed')).toContain('domain');
    expect(ssoRefusalMessage('toString')).toBeNull();
    expect(ssoRefusalMessage(null)).toBeNull();
  });

  it('never lets single sign-on grant Owner, and validates domains', async () => {
    const base = {
      issuer: 'https://idp.example.com/',
      clientId: 'demarc',
      clientSecret: '',
      allowedDomains: 'example.com',
      enabled: true,
      version: 0,
    };
    expect(saveSsoConnectionSchema.safeParse({ ...base, defaultRole: 'OWNER' }).success).toBe(false);
    const parsed = saveSsoConnectionSchema.parse({ ...base, defaultRole: 'VIEWER' });
    expect(parsed.issuer).toBe('https://idp.example.com');
    expect(parsed.allowedDomains).toEqual(['example.com']);
    expect(saveSsoConnectionSchema.safeParse({ ...base, defaultRole: 'VIEWER', allowedDomains: 'not a domain!' }).success).toBe(false);
  });
});
