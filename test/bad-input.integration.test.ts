// Bad input never answers 500: each case below gets a 4xx (or a refused action) with a message.
// With it: concurrent uploads to one item, double-submitted creates, and unique-key clashes.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signOutEverywhereAction, signUpAction } from '@/features/auth/auth.actions';
import { signOutEverywhere } from '@/features/auth/auth.data';
import { createLinkEvidenceAction, addCommentAction } from '@/features/evidence/evidence.actions';
import { getEvidence, storeFileUpload } from '@/features/evidence/evidence.data';
import { UPLOAD_CONTENT_TYPE } from '@/features/evidence/upload.policy';
import { createSystemAction, updateSystemAction } from '@/features/systems/systems.actions';
import { POST as uploadRoute } from '@/app/(app)/[org]/evidence/upload/route';
import { GET as downloadVersion } from '@/app/(app)/[org]/evidence/[evidenceId]/versions/[number]/download/route';
import { POST as importControls } from '@/app/(app)/[org]/controls/import/upload/route';
import { POST as importOscal } from '@/app/(app)/[org]/frameworks/import/route';
import { describeAction } from '@/lib/action';
import { prisma } from '@/lib/db';
import { toActionError } from '@/lib/errors';
import { PG_INT_MAX } from '@/lib/schema';
import { createMember, createOrganization, createTestControl, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { callAction, callRoute, callUserAction, pageRequest, sessionOf, signedOut } from '@/test/requests';

const today = new Date().toISOString().slice(0, 10);
const provenance = { effectiveAt: today, source: 'AWS Config export', periodStart: '', periodEnd: '', notes: '' };
const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`);
const system = (name: string) => ({ name, description: '', regions: ['eu-west-1'], services: [] });

/** An upload as the browser sends it: a line of JSON, then the file. */
function uploadRequest(org: string, head: unknown, file: Buffer, headers: Record<string, string> = {}) {
  const body = Buffer.concat([Buffer.from(`${typeof head === 'string' ? head : JSON.stringify(head)}\n`), file]);
  return pageRequest(`/${org}/evidence/upload`, { method: 'POST', body, headers: { 'content-type': UPLOAD_CONTENT_TYPE, ...headers } });
}

async function setup() {
  const { ctx: owner } = await createOrganization();
  const { ctx: editor } = await createMember(owner, 'EDITOR');
  const control = await createTestControl(owner, { defaultType: 'CUSTOMER' });
  return { owner, editor, control };
}

describe('text and numbers PostgreSQL cannot store', () => {
  it('refuses a lone surrogate or a NUL in any text field with a field error, not a 500', async () => {
    const { owner, editor } = await setup();
    const surrogate = await callAction(createSystemAction, sessionOf(owner), owner.orgSlug, system('Payments \ud83d'), {
      requestId: randomUUID(),
    });
    expect(surrogate).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { name: [expect.stringContaining('broken')] } },
    });
    const nul = await callAction(
      createSystemAction,
      sessionOf(owner),
      owner.orgSlug,
      { ...system('Payments'), description: 'a\u0000b' },
      { requestId: randomUUID() },
    );
    expect(nul).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { description: [expect.stringContaining('NUL')] } } });
    const link = await callAction(
      createLinkEvidenceAction,
      sessionOf(editor),
      owner.orgSlug,
      {
        title: 'x',
        description: '',
        systemId: '',
        controlIds: [randomUUID()],
        url: 'https://example.test',
        ...provenance,
        notes: '\udfff',
      },
      { requestId: randomUUID() },
    );
    expect(link).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { notes: [expect.any(String)] } } });
  });

  it('refuses a version of 2147483648 and input nested 100,000 levels deep', async () => {
    const { owner } = await setup();
    const created = await callAction(createSystemAction, sessionOf(owner), owner.orgSlug, system('Ledger'), { requestId: randomUUID() });
    const id = (created as { data: { id: string } }).data.id;
    const tooLarge = await callAction(updateSystemAction, sessionOf(owner), owner.orgSlug, {
      ...system('Ledger 2'),
      id,
      version: 2_147_483_648,
    });
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { version: [expect.any(String)] } } });
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const nested = await callAction(updateSystemAction, sessionOf(owner), owner.orgSlug, {
      ...system('Ledger 2'),
      id,
      version: 1,
      regions: deep,
    });
    expect(nested).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'This input is nested too deeply.' } });
  });

  it('bounds every integer input of every action to the PostgreSQL integer range', async () => {
    const { owner } = await setup();
    void owner;
    const modules = [
      await import('@/features/controls/controls.actions'),
      await import('@/features/evidence/evidence.actions'),
      await import('@/features/frameworks/frameworks.actions'),
      await import('@/features/members/members.actions'),
      await import('@/features/owners/owners.actions'),
      await import('@/features/reports/reports.actions'),
      await import('@/features/summaries/summaries.actions'),
      await import('@/features/systems/systems.actions'),
    ];
    const unbounded: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (
        (schema.type === 'integer' || schema.type === 'number') &&
        !(typeof schema.maximum === 'number' && schema.maximum <= PG_INT_MAX)
      ) {
        unbounded.push(where);
      }
      for (const [key, child] of Object.entries(schema)) walk(child, `${where}.${key}`);
    };
    for (const actionsModule of modules) {
      for (const [name, action] of Object.entries(actionsModule)) {
        const description = describeAction(action);
        if (description?.kind === 'org') walk(z.toJSONSchema(description.schema, { io: 'input', unrepresentable: 'any' }), name);
      }
    }
    expect(unbounded).toEqual([]);
  });
});

describe('unique keys', () => {
  it('maps the clash Prisma reports through the pg adapter to the field that clashed', async () => {
    const { owner } = await setup();
    await prisma.system.create({ data: { orgId: owner.orgId, name: 'Twice', regions: [] } });
    const clash = await prisma.system.create({ data: { orgId: owner.orgId, name: 'Twice', regions: [] } }).catch((error: unknown) => error);
    expect(toActionError(clash)).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: [expect.stringContaining('system with this name')] },
    });
  });

  it('says which field clashed when two sign-ups race for one email, instead of “something went wrong”', async () => {
    const email = uniqueEmail('race');
    const input = (organizationName: string) => ({ name: 'Racer', email, password: TEST_PASSWORD, organizationName });
    const results = await Promise.all([
      callUserAction(signUpAction, signedOut, input(`Race ${randomUUID()}`)),
      callUserAction(signUpAction, signedOut, input(`Race ${randomUUID()}`)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fieldErrors: { email: [expect.stringContaining('email already exists')] } },
    });
  });
});

describe('creates are made once per request id', () => {
  it('answers a double-submitted create with the first result, and creates one system', async () => {
    const { owner } = await setup();
    const request = { requestId: randomUUID() };
    const [first, second] = await Promise.all([
      callAction(createSystemAction, sessionOf(owner), owner.orgSlug, system('Payments'), request),
      callAction(createSystemAction, sessionOf(owner), owner.orgSlug, system('Payments'), request),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true, data: { id: (first as { data: { id: string } }).data.id } });
    expect(await prisma.system.count({ where: { orgId: owner.orgId } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { chain: owner.orgId, action: 'system.created' } })).toBe(1);
    // Later, again with the same id: still the first answer, nothing created.
    const third = await callAction(createSystemAction, sessionOf(owner), owner.orgSlug, system('Payments'), request);
    expect(third).toMatchObject({ ok: true, data: { id: (first as { data: { id: string } }).data.id } });
    // A new id is a new create (and here, a clash with the name, said as such).
    const clash = await callAction(createSystemAction, sessionOf(owner), owner.orgSlug, system('Payments'), { requestId: randomUUID() });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT', fieldErrors: { name: [expect.any(String)] } } });
  });

  it('creates one evidence item and one comment for double clicks, and refuses a create without a request id', async () => {
    const { owner, editor, control } = await setup();
    const request = { requestId: randomUUID() };
    const input = {
      title: 'Trail',
      description: '',
      systemId: '',
      controlIds: [control.id],
      url: 'https://example.test/trail',
      ...provenance,
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => callAction(createLinkEvidenceAction, sessionOf(editor), owner.orgSlug, input, request)),
    );
    expect(new Set(results.map((r) => (r as { data: { id: string } }).data.id)).size).toBe(1);
    expect(await prisma.evidence.count({ where: { orgId: owner.orgId } })).toBe(1);
    const evidenceId = (results[0] as { data: { id: string } }).data.id;

    const comment = { requestId: randomUUID() };
    await Promise.all(
      [1, 2].map(() => callAction(addCommentAction, sessionOf(owner), owner.orgSlug, { evidenceId, body: 'Seen' }, comment)),
    );
    expect((await getEvidence(owner, evidenceId)).comments).toHaveLength(1);

    expect(await callAction(createLinkEvidenceAction, sessionOf(editor), owner.orgSlug, input)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('Reload') },
    });
    // One id for two different creates is refused rather than answered with the wrong result.
    expect(await callAction(addCommentAction, sessionOf(editor), owner.orgSlug, { evidenceId, body: 'x' }, request)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

describe('evidence uploads', () => {
  it('two uploads to one evidence item at the same moment both succeed, as versions n and n+1', async () => {
    const { owner, editor, control } = await setup();
    const first = await storeFileUpload(
      editor,
      { ...provenance, fileName: 'v1.pdf', evidence: { title: 'Scan', description: '', systemId: '', controlIds: [control.id] } },
      Readable.from([pdf('v1')]),
    );
    const versions = await Promise.all(
      ['a', 'b', 'c'].map((label) =>
        storeFileUpload(editor, { ...provenance, fileName: `${label}.pdf`, evidenceId: first.evidenceId }, Readable.from([pdf(label)])),
      ),
    );
    expect(versions.map((v) => v.version).sort()).toEqual([2, 3, 4]);
    expect((await getEvidence(owner, first.evidenceId)).versions.map((v) => v.number)).toEqual([4, 3, 2, 1]);
  });

  it('takes its metadata from the body: non-Latin text at the longest allowed lengths', async () => {
    const { owner, editor, control } = await setup();
    const metadata = {
      ...provenance,
      notes: '監'.repeat(2000),
      source: 'ソース'.repeat(166),
      fileName: `${'報告書'.repeat(80)}.pdf`,
      evidence: {
        title: 'Ünïcödé 証跡 '.repeat(16).slice(0, 200),
        description: 'описание '.repeat(222),
        systemId: '',
        controlIds: [control.id],
      },
    };
    // As the old X-Demarc-Evidence header carried it (base64), more than Node's 16 KB header limit.
    expect(Buffer.from(JSON.stringify(metadata)).toString('base64').length).toBeGreaterThan(16 * 1024);
    const response = await callRoute(
      uploadRoute,
      sessionOf(editor),
      uploadRequest(owner.orgSlug, { requestId: randomUUID(), metadata }, pdf('long')),
      {
        org: owner.orgSlug,
      },
    );
    const answer = (await response.json()) as { data: { evidenceId: string } };
    expect(answer).toMatchObject({ ok: true });
    expect(response.status).toBe(201);
    const { data } = answer;
    const stored = await getEvidence(owner, data.evidenceId);
    expect(stored.versions[0]!.notes).toBe(metadata.notes);
    expect(stored.title).toBe(metadata.evidence.title.trim());
  });

  it('uploads once for a double click', async () => {
    const { owner, editor, control } = await setup();
    const head = {
      requestId: randomUUID(),
      metadata: {
        ...provenance,
        fileName: 'once.pdf',
        evidence: { title: 'Once', description: '', systemId: '', controlIds: [control.id] },
      },
    };
    const responses = await Promise.all(
      [1, 2].map(() => callRoute(uploadRoute, sessionOf(editor), uploadRequest(owner.orgSlug, head, pdf('once')), { org: owner.orgSlug })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await prisma.evidence.count({ where: { orgId: owner.orgId } })).toBe(1);
  });

  it('answers malformed uploads with 4xx and a message', async () => {
    const { owner, editor } = await setup();
    const call = (request: Request) => callRoute(uploadRoute, sessionOf(editor), request, { org: owner.orgSlug });
    const expectRefused = async (request: Request, status: number, message: RegExp) => {
      const response = await call(request);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    await expectRefused(uploadRequest(owner.orgSlug, {}, pdf('x'), { origin: 'null' }), 403, /did not come from a Demarc page/);
    await expectRefused(uploadRequest(owner.orgSlug, '{"requestId":', pdf('x')), 422, /missing its description/);
    const deep = `{"requestId":"${randomUUID()}","metadata":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await expectRefused(uploadRequest(owner.orgSlug, deep, pdf('x')), 422, /nested too deeply/);
    await expectRefused(uploadRequest(owner.orgSlug, { requestId: 'x', metadata: {} }, pdf('x')), 422, /fields need attention/);
    // The old protocol (metadata in a header, the file as the body) is refused by its content type.
    await expectRefused(
      pageRequest(`/${owner.orgSlug}/evidence/upload`, {
        method: 'POST',
        body: pdf('x'),
        headers: { 'content-type': 'application/octet-stream' },
      }),
      422,
      /Send the upload as/,
    );
  });
});

describe('other routes and actions', () => {
  it('answers a version number beyond the integer range, or garbled, with 404', async () => {
    const { owner } = await setup();
    for (const number of ['2147483648', '%E0%A4%A', '-1', '1e3'])
      expect(
        (await callRoute(downloadVersion, sessionOf(owner), pageRequest('/x'), { org: owner.orgSlug, evidenceId: randomUUID(), number }))
          .status,
      ).toBe(404);
  });

  it('answers an OSCAL upload nested 100,000 levels deep, or broken, with 422 and where it breaks', async () => {
    const { owner } = await setup();
    const post = (body: string) =>
      callRoute(
        importOscal,
        sessionOf(owner),
        pageRequest(`/${owner.orgSlug}/frameworks/import?name=%00catalog.json`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        }),
        { org: owner.orgSlug },
      );
    for (const [body, message] of [
      [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nesting deeper than \d+ levels at line 1/],
      ['{"catalog":', /ends early/],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ phase: 'error', message: expect.stringMatching(message) });
    }
  });

  it('maps a NUL byte in a controls CSV to a 4xx', async () => {
    const { owner } = await setup();
    const csv = 'code,title,family,default_type,cadence\nNUL-1,Bad\u0000title,Family,Customer,Annual\n';
    const response = await callRoute(
      importControls,
      sessionOf(owner),
      pageRequest(`/${owner.orgSlug}/controls/import/upload`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }),
      { org: owner.orgSlug },
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers “sign out everywhere” from a session already signed out everywhere with UNAUTHENTICATED and a message', async () => {
    const { ctx } = await createOrganization();
    await signOutEverywhere({ userId: ctx.userId, sessionVersion: 0 });
    expect(await callUserAction(signOutEverywhereAction, sessionOf(ctx, 0))).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Your session has ended. Sign in again.', fieldErrors: undefined },
    });
    expect(await callUserAction(signOutEverywhereAction, sessionOf(ctx, 1))).toEqual({ ok: true, data: undefined });
  });
});
