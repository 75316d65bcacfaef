import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { decode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db';
import { requireOrgContext, SsoSignInRequired, type SessionClaims } from '@/lib/auth/context';
import type { OrgContext } from '@/lib/auth/permissions';
import { setSignInPolicy } from '@/features/sign-in-policy/sign-in-policy.data';
import { listMembers } from '@/features/members/members.data';
import { inviteMember } from '@/features/invitations/invitations.data';
import { createMember, createOrganization } from '@/test/factories';
import { startTestOidcProvider, type TestOidcProvider } from '@/test/oidc-provider';
import { callAction, sessionOf } from '@/test/requests';
import { GET as ssoStart } from '@/app/api/sso/start/route';
import { GET as ssoCallback } from '@/app/api/sso/callback/route';
import { DISCOVERY_TTL_MS, IdTokenInvalid, ssoRedirectUri, verifyIdToken } from './oidc';
import { FLOW_COOKIE, LINK_COOKIE, readPendingLink } from './sso-cookies';
import { findEnabledConnection, getSsoConnection, saveSsoConnection } from './sso-connection.data';
import { linkPendingIdentity } from './sso-sign-in.data';
import { saveSsoConnectionAction } from './sso.actions';

// Sessions and sealed cookies are keyed by NEXTAUTH_SECRET; links and redirects use NEXTAUTH_URL.
process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-for-sso-0123456789';
process.env.NEXTAUTH_URL = 'http://localhost:3000';

let idp: TestOidcProvider;
beforeAll(async () => {
  idp = await startTestOidcProvider({ redirectUri: ssoRedirectUri() });
});
afterAll(async () => {
  await idp?.stop();
});

type Cookies = Map<string, string>;

function cookiesOf(response: Response, jar: Cookies = new Map()): Cookies {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair!.indexOf('=');
    const value = pair!.slice(at + 1);
    if (value) jar.set(pair!.slice(0, at), value);
    else jar.delete(pair!.slice(0, at));
  }
  return jar;
}
const cookieHeader = (jar: Cookies) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The app's start route, the provider's pages, then the app's callback route: a browser's sign-in. */
async function signInThroughIdp(organization: string, login: string, tamper?: (callback: URL) => void) {
  const start = await ssoStart(new Request(`http://localhost:3000/api/sso/start?organization=${encodeURIComponent(organization)}`));
  expect(start.status).toBe(303);
  const jar = cookiesOf(start);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.origin).toBe(new URL(idp.issuer).origin);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('nonce')).toBeTruthy();
  const back = await idp.signIn(authorization.href, login);
  tamper?.(back);
  const callback = await ssoCallback(new Request(back.href, { headers: { cookie: cookieHeader(jar) } }));
  expect(callback.status).toBe(303);
  cookiesOf(callback, jar);
  const session = jar.get('next-auth.session-token');
  const claims = session ? await decode({ token: session, secret: process.env.NEXTAUTH_SECRET! }) : null;
  return { location: new URL(callback.headers.get('location')!), jar, claims };
}

const sessionFrom = (claims: Awaited<ReturnType<typeof signInThroughIdp>>['claims']): SessionClaims => ({
  userId: claims!.sub!,
  sessionVersion: claims!.sessionVersion,
  ...(claims!.ssoOrgId ? { ssoOrgId: claims!.ssoOrgId } : {}),
});

async function orgWithSso(domains: string[], defaultRole: 'VIEWER' | 'EDITOR' = 'VIEWER') {
  const { ctx } = await createOrganization();
  const input = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    allowedDomains: domains.join(', '),
    defaultRole,
    enabled: true,
    version: 0,
  };
  const saved = await callAction(saveSsoConnectionAction, sessionOf(ctx), ctx.orgSlug, input);
  expect(saved).toMatchObject({ ok: true });
  return ctx;
}

const ssoEvents = async (orgId: string) =>
  prisma.auditEvent.findMany({
    where: { chain: orgId, action: { startsWith: 'sso.' } },
    orderBy: { seq: 'asc' },
    select: { action: true, after: true },
  });

const domain = () => `d${randomUUID().slice(0, 8)}.test`;

describe('the configuration', () => {
  it('is for owners only, keeps the secret sealed and never shows it, and keeps it when left blank', async () => {
    const owner = await orgWithSso([domain()]);
    const stored = await prisma.ssoConnection.findUniqueOrThrow({ where: { orgId: owner.orgId } });
    expect(stored.clientSecretEncrypted).toMatch(/^v1\./);
    expect(stored.clientSecretEncrypted).not.toContain(idp.clientSecret);
    const shown = await getSsoConnection(owner);
    expect(JSON.stringify(shown)).not.toContain(idp.clientSecret);
    expect(shown.connection).toMatchObject({ secretSet: true, enabled: true, version: 1 });

    const admin = (await createMember(owner, 'ADMIN')).ctx;
    await expect(getSsoConnection(admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const edit = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: '',
      allowedDomains: 'a.test',
      defaultRole: 'EDITOR' as const,
      enabled: true,
    };
    await saveSsoConnection(owner, { ...edit, allowedDomains: ['a.test'], version: 1 });
    expect((await findEnabledConnection({ orgId: owner.orgId }))?.clientSecret).toBe(idp.clientSecret);
    // A stale version is refused; Owner is never a role single sign-on gives.
    await expect(saveSsoConnection(owner, { ...edit, allowedDomains: ['a.test'], version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const owning = await callAction(saveSsoConnectionAction, sessionOf(owner), owner.orgSlug, {
      ...edit,
      defaultRole: 'OWNER',
      version: 2,
    });
    expect(owning).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // An issuer without a discovery document is refused.
    const wrong = await callAction(saveSsoConnectionAction, sessionOf(owner), owner.orgSlug, {
      ...edit,
      issuer: 'http://127.0.0.1:9/nothing',
      version: 2,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { issuer: [expect.any(String)] } } });

    await saveSsoConnection(owner, { ...edit, allowedDomains: [], enabled: false, version: 2 });
    const events = await ssoEvents(owner.orgId);
    expect(events.map((e) => e.action)).toEqual(['sso.configured', 'sso.configured', 'sso.disabled']);
    expect(JSON.stringify(events)).not.toContain(idp.clientSecret);
  });
});

describe('signing in through the provider', () => {
  it('runs the code flow with PKCE, creates the member just in time with the configured role, and signs in a linked subject directly', async () => {
    const d = domain();
    const owner = await orgWithSso([d], 'EDITOR');
    const login = `ann@${d}`;
    const first = await signInThroughIdp(owner.orgSlug, login);
    expect(first.location.pathname).toBe(`/${owner.orgSlug}`);
    expect(first.claims).toMatchObject({ email: login, ssoOrgId: owner.orgId });
    expect(first.jar.has(FLOW_COOKIE)).toBe(false);
    const ctx = await requireOrgContext(owner.orgSlug, async () => sessionFrom(first.claims));
    expect(ctx.role).toBe('EDITOR');
    expect(await prisma.ssoIdentity.count({ where: { orgId: owner.orgId, subject: login } })).toBe(1);

    // Started from a work e-mail this time: its domain names the organization.
    const again = await signInThroughIdp(`someone-else@${d}`, login);
    expect(again.claims?.sub).toBe(first.claims?.sub);
    expect(await prisma.user.count({ where: { email: login } })).toBe(1);

    const members = await listMembers(owner);
    expect(members.find((m) => m.user.email === login)?.lastSsoSignInAt).toBeInstanceOf(Date);
    const events = await ssoEvents(owner.orgId);
    expect(events.filter((e) => e.action === 'sso.signed_in')).toHaveLength(2);
  });

  it('reads the discovery document when the settings are saved, then at most once per ten minutes, not on every sign-in', async () => {
    const d = domain();
    const before = idp.discoveries();
    const owner = await orgWithSso([d]);
    expect(idp.discoveries()).toBe(before + 1);
    expect((await signInThroughIdp(owner.orgSlug, `cy@${d}`)).claims).not.toBeNull();
    expect(idp.discoveries()).toBe(before + 1);
    // Only the clock moves on (the provider in this process moves with it).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + DISCOVERY_TTL_MS + 1000 });
    try {
      expect((await signInThroughIdp(owner.orgSlug, `cy@${d}`)).claims).not.toBeNull();
      expect(idp.discoveries()).toBe(before + 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a domain that is not allowed, and an unverified e-mail, with no account and no session', async () => {
    const owner = await orgWithSso([domain()]);
    const outsider = `bob@${domain()}`;
    const refused = await signInThroughIdp(owner.orgSlug, outsider);
    expect(refused.location.pathname).toBe('/sign-in');
    expect(refused.location.searchParams.get('sso-error')).toBe('domain-not-allowed');
    expect(refused.claims).toBeNull();
    expect(await prisma.user.count({ where: { email: outsider } })).toBe(0);

    const unverified = await signInThroughIdp(owner.orgSlug, `unverified-${randomUUID().slice(0, 6)}`);
    expect(unverified.location.searchParams.get('sso-error')).toBe('email-unverified');
    expect(unverified.claims).toBeNull();
    const reasons = (await ssoEvents(owner.orgId))
      .filter((e) => e.action === 'sso.refused')
      .map((e) => (e.after as { reason: string }).reason);
    expect(reasons).toEqual(['domain-not-allowed', 'email-unverified']);
  });

  it('does not sign in an existing account by its e-mail claim alone; after proving it with its password, links it', async () => {
    const d = domain();
    const owner = await orgWithSso([d]);
    // An account with that address exists (in another organization).
    const elsewhere = (await createOrganization()).ctx;
    const email = `carol@${d}`;
    const carol = await prisma.user.update({
      where: { id: (await createMember(elsewhere, 'EDITOR')).ctx.userId },
      data: { email },
      select: { id: true },
    });

    const claimOnly = await signInThroughIdp(owner.orgSlug, email);
    expect(claimOnly.claims).toBeNull();
    expect(claimOnly.location.searchParams.get('sso-error')).toBe('account-not-linked');
    expect(await prisma.membership.count({ where: { orgId: owner.orgId, userId: carol.id } })).toBe(0);
    const refusal = (await ssoEvents(owner.orgId)).at(-1);
    expect(refusal).toMatchObject({ action: 'sso.refused', after: { reason: 'account-not-linked' } });

    // Carol signs in with her password (a normal session), then links what is waiting in her browser.
    const pending = readPendingLink(claimOnly.jar.get(LINK_COOKIE))!;
    expect(pending).toMatchObject({ orgId: owner.orgId, email, subject: email });
    const mallory = (await createMember(elsewhere, 'VIEWER')).ctx;
    await expect(
      linkPendingIdentity({ userId: mallory.userId, sessionVersion: 0 }, pending, await findEnabledConnection({ orgId: owner.orgId })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const linked = await linkPendingIdentity(
      { userId: carol.id, sessionVersion: 0 },
      pending,
      await findEnabledConnection({ orgId: owner.orgId }),
    );
    expect(linked.orgSlug).toBe(owner.orgSlug);
    expect((await ssoEvents(owner.orgId)).map((e) => e.action)).toContain('sso.linked');

    const direct = await signInThroughIdp(owner.orgSlug, email);
    expect(direct.claims).toMatchObject({ sub: carol.id, ssoOrgId: owner.orgId });
  });

  it('lets an invited address outside the allowed domains join with the invitation role, using the invitation up', async () => {
    const owner = await orgWithSso([domain()]);
    const invited = `ivy@${domain()}`;
    await inviteMember(owner, { email: invited, role: 'AUDITOR' });
    const first = await signInThroughIdp(owner.orgSlug, invited);
    expect((await requireOrgContext(owner.orgSlug, async () => sessionFrom(first.claims))).role).toBe('AUDITOR');
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { orgId: owner.orgId, email: invited } });
    expect(invitation.acceptedAt).toBeInstanceOf(Date);
  });

  it('refuses an answer whose state does not match, or without the flow cookie', async () => {
    const owner = await orgWithSso([domain()]);
    const start = await ssoStart(new Request(`http://localhost:3000/api/sso/start?organization=${owner.orgSlug}`));
    const jar = cookiesOf(start);
    const back = await idp.signIn(start.headers.get('location')!, `dan@${domain()}`);
    back.searchParams.set('state', 'forged-state');
    const forged = await ssoCallback(new Request(back.href, { headers: { cookie: cookieHeader(jar) } }));
    expect(new URL(forged.headers.get('location')!).searchParams.get('sso-error')).toBe('state-mismatch');
    expect(forged.headers.getSetCookie().join()).not.toContain('next-auth.session-token');
    const noCookie = await ssoCallback(new Request(back.href));
    expect(new URL(noCookie.headers.get('location')!).searchParams.get('sso-error')).toBe('flow-expired');
  });
});

describe('ID token verification', () => {
  const nonce = 'the-nonce';
  let keys: ReturnType<typeof createLocalJWKSet>;
  let other: JWK;
  beforeAll(async () => {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicKey } = idp.signingKey;
    keys = createLocalJWKSet({ keys: [publicKey] });
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    other = { ...(await exportJWK(privateKey)), kid: idp.signingKey.kid, alg: 'RS256' };
  });
  const token = async (claims: Record<string, unknown>, key: JWK = idp.signingKey, expiresIn: string | number = '5m') =>
    new SignJWT({ iss: idp.issuer, aud: idp.clientId, sub: 'ann', email: 'ann@example.test', email_verified: true, nonce, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid! })
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(await importJWK(key, 'RS256'));
  const verify = (jwt: string, expectedNonce = nonce) =>
    verifyIdToken(jwt, { issuer: idp.issuer, clientId: idp.clientId, keys, nonce: expectedNonce });

  it('accepts a token signed by the provider for this client', async () => {
    expect(await verify(await token({}))).toEqual({ subject: 'ann', email: 'ann@example.test', emailVerified: true, name: null });
  });

  it('reads the e-mail as verified from email_verified, or, when a token has none (Entra ID), from xms_edov', async () => {
    const verified = async (claims: Record<string, unknown>) => (await verify(await token(claims))).emailVerified;
    expect(await verified({ email_verified: 'true' })).toBe(true);
    expect(await verified({ email_verified: false })).toBe(false);
    expect(await verified({ email_verified: undefined })).toBe(false);
    expect(await verified({ email_verified: undefined, xms_edov: true })).toBe(true);
    expect(await verified({ email_verified: undefined, xms_edov: false })).toBe(false);
    // An explicit "not verified" is not overruled by the domain claim.
    expect(await verified({ email_verified: false, xms_edov: true })).toBe(false);
  });

  it('refuses a wrong audience, another issuer, an expired token, a bad signature and a nonce mismatch', async () => {
    await expect(verify(await token({ aud: 'someone-else' }))).rejects.toBeInstanceOf(IdTokenInvalid);
    await expect(verify(await token({ iss: 'https://evil.example' }))).rejects.toBeInstanceOf(IdTokenInvalid);
    await expect(verify(await token({}, idp.signingKey, Math.floor(Date.now() / 1000) - 3600))).rejects.toBeInstanceOf(IdTokenInvalid);
    await expect(verify(await token({}, other))).rejects.toBeInstanceOf(IdTokenInvalid);
    await expect(verify(await token({}), 'another-nonce')).rejects.toBeInstanceOf(IdTokenInvalid);
    await expect(verify(await token({ aud: [idp.clientId, 'other'], azp: 'other' }))).rejects.toBeInstanceOf(IdTokenInvalid);
  });
});

describe('the "require single sign-on" policy', () => {
  async function enableMfa(ctx: Pick<OrgContext, 'userId'>) {
    await prisma.userMfa.create({ data: { userId: ctx.userId, secretEncrypted: 'v1.test', enabledAt: new Date() } });
  }

  it('sends a member without an SSO session away, lets an owner with a second factor in with a password session', async () => {
    const d = domain();
    const owner = await orgWithSso([d]);
    const viewer = (await createMember(owner, 'VIEWER')).ctx;
    const admin = (await createMember(owner, 'ADMIN')).ctx;
    await expect(setSignInPolicy(owner, { requireMfa: false, requireSso: true, version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await enableMfa(owner);
    await expect(setSignInPolicy(admin, { requireMfa: false, requireSso: true, version: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await setSignInPolicy(owner, { requireMfa: false, requireSso: true, version: 0 })).toMatchObject({
      requireSso: true,
      version: 1,
    });

    await expect(requireOrgContext(owner.orgSlug, sessionOf(viewer))).rejects.toBeInstanceOf(SsoSignInRequired);
    const refused = await prisma.auditEvent.findFirst({ where: { chain: owner.orgId, action: 'access.refused', actorId: viewer.userId } });
    expect(refused).not.toBeNull();
    // A session made by another organization's single sign-on does not count here.
    await expect(
      requireOrgContext(owner.orgSlug, async () => ({ userId: viewer.userId, sessionVersion: 0, ssoOrgId: randomUUID() })),
    ).rejects.toBeInstanceOf(SsoSignInRequired);
    expect(
      (await requireOrgContext(owner.orgSlug, async () => ({ userId: viewer.userId, sessionVersion: 0, ssoOrgId: owner.orgId }))).role,
    ).toBe('VIEWER');
    // The owner, with password and second factor: the way in when the provider fails.
    expect((await requireOrgContext(owner.orgSlug, sessionOf(owner))).role).toBe('OWNER');

    // A member who signs in through the provider gets in.
    const member = await signInThroughIdp(owner.orgSlug, `erin@${d}`);
    expect((await requireOrgContext(owner.orgSlug, async () => sessionFrom(member.claims))).role).toBe('VIEWER');

    // Single sign-on cannot be turned off while it is required.
    const off = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: '',
      allowedDomains: [d],
      defaultRole: 'VIEWER' as const,
      enabled: false,
      version: 1,
    };
    await expect(saveSsoConnection(owner, off)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
