// The authorization matrix, found rather than listed: every export of every features/**/*.actions.ts
// and every HTTP method of every app/**/route.ts is imported and checked against each kind of
// caller. A new action or route without its check fails here without anyone editing this file.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signOutEverywhere } from '@/features/auth/auth.data';
import { ANY_MEMBER, describeAction, type ActionDescription, type Requirement } from '@/lib/action';
import { can, ROLES, type OrgContext, type Permission, type Role } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { describeRoute, type RouteDescription } from '@/lib/route';
import { createApiToken, revokeApiToken } from '@/features/api-tokens/api-tokens.data';
import { API_SCOPES } from '@/features/api-tokens/api-tokens.schema';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { callUserAction, deps, pageRequest, sessionOf, signedOut } from '@/test/requests';

const ROOT = path.resolve(import.meta.dirname, '..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Callable without a session, on purpose. Adding to these lists is a decision a reviewer sees. */
// Reachable without a session on purpose: sign-up, and accepting an invitation with a new account (its single-use token is the authorization).
const PUBLIC_ACTIONS = ['signUp', 'acceptInvitationWithNewAccount'];
// The OpenAPI document (describes the API, holds no data) and the 404 answer for unknown /api/v1 addresses.
// The one-click unsubscribe of e-mails (its signed token names one user and one kind, and only turns that kind off).
// Single sign-on's start and callback (nobody is signed in yet: the sealed flow cookie, state, PKCE and the signed ID token are the checks).
const PUBLIC_ROUTES = ['nextAuth', 'apiOpenApi', 'apiNotFound', 'unsubscribe', 'unsubscribeLink', 'ssoStart', 'ssoCallback'];

function find(dir: string, matches: (name: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && matches(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

type FoundAction = { file: string; name: string; value: unknown; description: ActionDescription | undefined };
type FoundRoute = { file: string; method: string; value: unknown; description: RouteDescription | undefined; params: string[] };

const actions: FoundAction[] = [];
for (const file of find('features', (name) => name.endsWith('.actions.ts'))) {
  const exported = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(exported)) actions.push({ file, name, value, description: describeAction(value) });
}

const routes: FoundRoute[] = [];
const strays: string[] = [];
for (const file of find('app', (name) => name === 'route.ts')) {
  const exported = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  // The dynamic segments of the route's folder path: [org], [systemId], [...nextauth].
  const params = [...file.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
  for (const [method, value] of Object.entries(exported)) {
    if (HTTP_METHODS.includes(method)) routes.push({ file, method, value, description: describeRoute(value), params });
    else if (typeof value === 'function') strays.push(`${file}: ${method}`);
  }
}

const orgActions = actions.flatMap((a) => (a.description?.kind === 'org' ? [{ ...a, description: a.description }] : []));
const orgRoutes = routes.flatMap((r) => (r.description?.kind === 'org' ? [{ ...r, description: r.description }] : []));
const apiRoutes = routes.flatMap((r) => (r.description?.kind === 'api' ? [{ ...r, description: r.description }] : []));

const permissionsOf = (requirement: Requirement): Permission[] =>
  requirement === ANY_MEMBER ? [] : typeof requirement === 'string' ? [requirement] : [...requirement];
const lacking = (requirement: Requirement): Role[] => ROLES.filter((role) => !permissionsOf(requirement).every((p) => can(role, p)));
const having = (requirement: Requirement): Role[] => ROLES.filter((role) => !lacking(requirement).includes(role));

let org: OrgContext;
let members: Record<Role, OrgContext>;
let outsider: OrgContext;
let revoked: OrgContext;

beforeAll(async () => {
  org = (await createOrganization()).ctx;
  members = { OWNER: org } as Record<Role, OrgContext>;
  for (const role of ROLES.filter((r) => r !== 'OWNER')) members[role] = (await createMember(org, role)).ctx;
  outsider = (await createOrganization()).ctx;
  revoked = (await createMember(org, 'ADMIN')).ctx;
  await signOutEverywhere({ userId: revoked.userId, sessionVersion: 0 });
});

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error!.code);

describe('the matrix finds every action and route', () => {
  it('scans the modules: every export is a declared action, every route method a declared route', () => {
    expect(orgActions.length).toBeGreaterThanOrEqual(30);
    expect(orgRoutes.length).toBeGreaterThanOrEqual(11);
    expect(apiRoutes.length).toBeGreaterThanOrEqual(4);
    expect(orgActions.map((a) => a.description.name)).toEqual(
      expect.arrayContaining([
        'setParameterValue',
        'resetParameterValue',
        'acceptRisk',
        'revokeRiskAcceptance',
        'addSystemAwsAccount',
        'removeSystemAwsAccount',
        'createCheckMapping',
        'deleteCheckMapping',
        'saveRegisterColumns',
        'setSignInPolicy',
        'saveSsoConnection',
      ]),
    );
    expect(orgRoutes.map((r) => r.description.name)).toEqual(expect.arrayContaining(['uploadFindings']));
    const undeclared = actions.filter((a) => !a.description).map((a) => `${a.file}: ${a.name}`);
    expect(undeclared, 'made without orgAction/sessionAction/publicAction, so nothing checks the caller').toEqual([]);
    const undeclaredRoutes = routes.filter((r) => !r.description).map((r) => `${r.file}: ${r.method}`);
    expect(undeclaredRoutes, 'made without orgRoute/orgDownload/publicRoute').toEqual([]);
    expect(strays, 'functions exported from route files that are not HTTP methods').toEqual([]);
    const publicActions = actions.filter((a) => a.description?.kind === 'public').map((a) => a.description!.name);
    expect(publicActions.sort()).toEqual([...PUBLIC_ACTIONS].sort());
    const publicRoutes = [...new Set(routes.filter((r) => r.description?.kind === 'public').map((r) => r.description!.name))];
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });
});

describe.each(orgActions.map((a) => [`${a.file}: ${a.name}`, a] as const))('action %s', (_label, { description }) => {
  const run = (session: ReturnType<typeof sessionOf>, slug = org.orgSlug) => description.run(deps(session), slug, null, undefined);

  it('refuses a visitor without a session, and a session signed out everywhere', async () => {
    expect(codeOf(await run(signedOut))).toBe('UNAUTHENTICATED');
    expect(codeOf(await run(sessionOf(revoked)))).toBe('UNAUTHENTICATED');
  });

  it('answers a member of another organization as if the organization did not exist', async () => {
    expect(codeOf(await run(sessionOf(outsider)))).toBe('NOT_FOUND');
    expect(codeOf(await run(sessionOf(org), 'no-such-organization'))).toBe('NOT_FOUND');
  });

  it('refuses each role without the permission, in the wrapper and again in the data function', async () => {
    for (const role of lacking(description.permission)) {
      expect(codeOf(await run(sessionOf(members[role]))), role).toBe('FORBIDDEN');
      await expect(description.handler(members[role], null as never), `${role}, data function`).rejects.toSatisfy(
        (error) => error instanceof AppError && error.code === 'FORBIDDEN',
      );
    }
  });

  it('lets each role with the permission through to the input check', async () => {
    for (const role of having(description.permission)) expect(codeOf(await run(sessionOf(members[role]))), role).toBe('VALIDATION');
  });
});

describe.each(actions.filter((a) => a.description?.kind === 'session').map((a) => [`${a.file}: ${a.name}`, a.value] as const))(
  'account action %s',
  (_label, action) => {
    it('refuses a visitor without a session, and a session signed out everywhere', async () => {
      expect(codeOf(await callUserAction(action, signedOut))).toBe('UNAUTHENTICATED');
      expect(codeOf(await callUserAction(action, sessionOf(revoked)))).toBe('UNAUTHENTICATED');
    });
  },
);

describe.each(orgRoutes.map((r) => [`${r.method} ${r.file}`, r] as const))('route %s', (_label, { method, description, params }) => {
  const call = (session: ReturnType<typeof sessionOf>, slug = org.orgSlug) => {
    const values = Object.fromEntries(params.map((p) => [p, p === 'org' ? slug : p === 'number' ? '1' : randomUUID()]));
    const request = pageRequest(`/${slug}/matrix`, {
      method,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }),
    });
    return description.run({ session }, request, { params: Promise.resolve(values) });
  };

  it('refuses a visitor without a session (401), and a session signed out everywhere', async () => {
    expect((await call(signedOut)).status).toBe(401);
    expect((await call(sessionOf(revoked))).status).toBe(401);
  });

  it('answers a member of another organization with 404', async () => {
    expect((await call(sessionOf(outsider))).status).toBe(404);
  });

  it('refuses each role without the permission with 403', async () => {
    for (const role of lacking(description.permission)) expect((await call(sessionOf(members[role]))).status, role).toBe(403);
  });

  it('lets each role with the permission past the check', async () => {
    for (const role of having(description.permission))
      expect([401, 403], role).not.toContain((await call(sessionOf(members[role]))).status);
  });
});

describe('API routes (a token, never a session)', () => {
  const tokens = {} as Record<'all' | 'revoked' | 'expired' | 'outsider' | (typeof API_SCOPES)[number], string>;
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    const make = async (ctx: OrgContext, scopes: (typeof API_SCOPES)[number][]) =>
      createApiToken(ctx, { name: `matrix ${randomUUID()}`, scopes, expiresInDays: 30 });
    tokens.all = (await make(org, [...API_SCOPES])).token;
    tokens.outsider = (await make(outsider, [...API_SCOPES])).token;
    // For each scope, a token with every other scope.
    for (const scope of API_SCOPES)
      tokens[scope] = (
        await make(
          org,
          API_SCOPES.filter((s) => s !== scope),
        )
      ).token;
    const revokedToken = await make(org, [...API_SCOPES]);
    await revokeApiToken(org, { tokenId: revokedToken.id, version: 0 });
    tokens.revoked = revokedToken.token;
    const expired = await make(org, [...API_SCOPES]);
    await prisma.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    tokens.expired = expired.token;
    ids.systemId = (await createTestSystem(org, ['ec2'])).id;
    ids.controlId = (await createTestControl(org)).id;
  });

  describe.each(apiRoutes.map((r) => [`${r.method} ${r.file}`, r] as const))('route %s', (_label, { method, description, params }) => {
    const call = (headers: Record<string, string>) => {
      const values = Object.fromEntries(params.map((p) => [p, ids[p] ?? randomUUID()]));
      const request = new Request(`http://localhost:3000${description.path}`, {
        method,
        headers: { ...headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
      return description.run(request, { params: Promise.resolve(values) });
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it('refuses a request without a token (401), even with a session cookie', async () => {
      expect((await call({})).status).toBe(401);
      expect((await call({ cookie: 'authjs.session-token=anything; next-auth.session-token=anything' })).status).toBe(401);
      expect((await call(bearer('dmc_not-a-token'))).status).toBe(401);
    });

    it('refuses a revoked or expired token (401)', async () => {
      expect((await call(bearer(tokens.revoked))).status).toBe(401);
      expect((await call(bearer(tokens.expired))).status).toBe(401);
    });

    it("answers another organization's token with 404 on this organization's ids (a list: none of them)", async () => {
      const response = await call(bearer(tokens.outsider));
      if (params.length > 0) expect(response.status).toBe(404);
      else if (method === 'POST') {
        // A write without ids (the findings ingest): past the checks, into the token's own organization only.
        expect([401, 403, 404]).not.toContain(response.status);
        expect(await response.text()).not.toContain(ids.systemId);
      } else {
        expect(response.status).toBe(200);
        expect(await response.text()).not.toContain(ids.systemId);
      }
    });

    it('refuses a token without the scope with 403, naming it', async () => {
      const response = await call(bearer(tokens[description.scope as (typeof API_SCOPES)[number]]));
      expect(response.status).toBe(403);
      expect(((await response.json()) as { detail: string }).detail).toContain(description.scope);
    });

    it('lets a token with the scope past the checks', async () => {
      expect([401, 403, 404]).not.toContain((await call(bearer(tokens.all))).status);
    });
  });
});
