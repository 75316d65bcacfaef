// Refused attempts leave a trace: recorded in the audit log (without the refused input), rate-limited
// per member and minute, and shown to owners and admins through the audit page's filter.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createSystemAction } from '@/features/systems/systems.actions';
import { reviewEvidenceAction } from '@/features/evidence/evidence.actions';
import type { OrgContext } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { createMember, createOrganization } from '@/test/factories';
import { callAction, callRoute, pageRequest, sessionOf } from '@/test/requests';
import { GET as downloadVersion } from '@/app/(app)/[org]/evidence/[evidenceId]/versions/[number]/download/route';
import { POST as importControls } from '@/app/(app)/[org]/controls/import/upload/route';
import { appendAudit, listAuditEvents } from './audit.data';
import { PLATFORM_CHAIN, REFUSAL_ACTION, THROTTLE_PER_MINUTE } from './audit.policy';

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();
afterAll(() => sql.end());

/** The database's current minute: the throttle's window. */
const minuteNow = async () => String((await sql.query(`SELECT date_trunc('minute', now()) AS m`)).rows[0].m);

/**
 * Runs `burst` (which makes its own actors) until one run falls inside one minute: a burst that
 * straddles a minute boundary is counted in two windows. A burst takes seconds, so the next run fits.
 */
async function inOneMinute<T>(burst: () => Promise<T>): Promise<T> {
  for (let run = 0; run < 3; run++) {
    const start = await minuteNow();
    const result = await burst();
    if ((await minuteNow()) === start) return result;
  }
  throw new Error('Three bursts in a row straddled a minute boundary: each took over a minute.');
}

const refusals = (chain: string, actorId: string) =>
  prisma.auditEvent.findMany({ where: { chain, actorId, action: REFUSAL_ACTION }, orderBy: { seq: 'asc' } });

describe('refused attempts', () => {
  it('records a forbidden action by name, code and permission, never echoing the refused input', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: viewer } = await createMember(owner, 'VIEWER');
    const secret = `Forbidden system ${randomUUID()}`;
    const result = await callAction(
      createSystemAction,
      sessionOf(viewer),
      owner.orgSlug,
      { name: secret, description: secret, regions: [], services: [] },
      {
        requestId: randomUUID(),
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const [event] = await refusals(owner.orgId, viewer.userId);
    expect(event).toMatchObject({
      entityType: 'Organization',
      entityId: owner.orgId,
      after: { via: 'action', name: 'createSystem', code: 'FORBIDDEN', permission: 'systems.edit' },
    });
    expect(JSON.stringify(event)).not.toContain(secret);
  });

  it('records a not-found route by the entity asked for, and a non-member on the platform chain', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: editor } = await createMember(owner, 'EDITOR');
    const missing = randomUUID();
    const response = await callRoute(downloadVersion, sessionOf(editor), pageRequest(`/${owner.orgSlug}/evidence/x`), {
      org: owner.orgSlug,
      evidenceId: missing,
      number: '1',
    });
    expect(response.status).toBe(404);
    expect((await refusals(owner.orgId, editor.userId))[0]).toMatchObject({
      entityType: 'Evidence',
      entityId: missing,
      after: { via: 'route', name: 'downloadEvidenceVersion', code: 'NOT_FOUND' },
    });

    // A malformed id is not echoed: the entity type alone.
    await callRoute(downloadVersion, sessionOf(editor), pageRequest('/x'), { org: owner.orgSlug, evidenceId: '<script>', number: '1' });
    const second = (await refusals(owner.orgId, editor.userId))[1]!;
    expect(second).toMatchObject({ entityType: 'Evidence', entityId: null });
    expect(JSON.stringify(second)).not.toContain('<script>');

    const { ctx: stranger } = await createOrganization();
    const refused = await callAction(reviewEvidenceAction, sessionOf(stranger), owner.orgSlug, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await refusals(owner.orgId, stranger.userId)).toEqual([]);
    expect((await refusals(PLATFORM_CHAIN, stranger.userId))[0]).toMatchObject({
      entityType: 'Organization',
      entityId: owner.orgId,
      after: { via: 'action', name: 'reviewEvidence', code: 'NOT_FOUND' },
    });
  });

  it(`writes at most ${THROTTLE_PER_MINUTE} per member and minute, counts the rest, and says so in the next one`, async () => {
    const { ctx: owner } = await createOrganization();
    const attemptAs = (viewer: OrgContext) => () =>
      callRoute(importControls, sessionOf(viewer), pageRequest(`/${owner.orgSlug}/controls/import/upload`, { method: 'POST', body: 'x' }), {
        org: owner.orgSlug,
      });
    const { viewer, attempt } = await inOneMinute(async () => {
      const { ctx: viewer } = await createMember(owner, 'VIEWER');
      const attempt = attemptAs(viewer);
      for (let i = 0; i < THROTTLE_PER_MINUTE + 5; i++) expect((await attempt()).status).toBe(403);
      return { viewer, attempt };
    });
    const logged = await refusals(owner.orgId, viewer.userId);
    expect(logged).toHaveLength(THROTTLE_PER_MINUTE);
    expect(logged.at(-1)!.after).toMatchObject({ throttle: { limitReached: true } });
    const key = `${REFUSAL_ACTION}:${owner.orgId}:${viewer.userId}`;
    expect((await sql.query('SELECT count, unlogged FROM "AuditThrottle" WHERE key = $1', [key])).rows[0]).toEqual({
      count: THROTTLE_PER_MINUTE + 5,
      unlogged: 5,
    });

    // The next minute (moved back by hand rather than waited for): written again, with the count it missed.
    await sql.query(`UPDATE "AuditThrottle" SET "windowStart" = "windowStart" - interval '1 minute' WHERE key = $1`, [key]);
    await attempt();
    const next = (await refusals(owner.orgId, viewer.userId)).at(-1)!;
    expect(next.after).toMatchObject({ code: 'FORBIDDEN', throttle: { notLoggedBefore: 5 } });
    // Another member has a budget of their own.
    const { ctx: other } = await createMember(owner, 'VIEWER');
    await callAction(createSystemAction, sessionOf(other), owner.orgSlug, {}, { requestId: randomUUID() });
    expect(await refusals(owner.orgId, other.userId)).toHaveLength(1);
  });

  it('rate-limits failed sign-ins per account the same way', async () => {
    const owner = await inOneMinute(async () => {
      const { ctx: owner } = await createOrganization();
      for (let i = 0; i < THROTTLE_PER_MINUTE + 3; i++) {
        await prisma.$transaction((tx) =>
          appendAudit(
            tx,
            { orgId: owner.orgId, userId: owner.userId },
            { action: 'auth.sign_in_failed', entityType: 'User', entityId: owner.userId },
          ),
        );
      }
      return owner;
    });
    expect(await prisma.auditEvent.count({ where: { chain: owner.orgId, action: 'auth.sign_in_failed' } })).toBe(THROTTLE_PER_MINUTE);
  });
});

describe('the audit page filter', () => {
  it('shows refusals to owners and admins only, filters by kind and actor inside the keyset', async () => {
    const { ctx: owner } = await createOrganization();
    const { ctx: admin } = await createMember(owner, 'ADMIN');
    const { ctx: auditor } = await createMember(owner, 'AUDITOR');
    const { ctx: viewer } = await createMember(owner, 'VIEWER');
    for (let i = 0; i < 3; i++) await callAction(createSystemAction, sessionOf(viewer), owner.orgSlug, {}, { requestId: randomUUID() });
    await prisma.$transaction((tx) =>
      appendAudit(
        tx,
        { orgId: owner.orgId, userId: viewer.userId },
        { action: 'auth.sign_in', entityType: 'User', entityId: viewer.userId },
      ),
    );

    const kinds = async (ctx: typeof owner, kind: string) => (await listAuditEvents(ctx, { kind })).events.map((e) => e.action);
    expect(await kinds(owner, 'refusals')).toEqual([REFUSAL_ACTION, REFUSAL_ACTION, REFUSAL_ACTION]);
    expect(await kinds(admin, 'refusals')).toHaveLength(3);
    expect(await kinds(owner, 'sign-ins')).toEqual(['auth.sign_in']);
    expect((await kinds(owner, 'changes')).every((a) => a !== REFUSAL_ACTION && !a.startsWith('auth.'))).toBe(true);
    expect(await kinds(owner, 'all')).toContain(REFUSAL_ACTION);
    // Auditors read the log, but not the refusals.
    expect(await kinds(auditor, 'refusals')).toEqual([]);
    expect(await kinds(auditor, 'all')).not.toContain(REFUSAL_ACTION);
    expect((await listAuditEvents(auditor, { kind: 'refusals' })).canSeeRefusals).toBe(false);

    const byViewer = await listAuditEvents(owner, { actorId: viewer.userId });
    expect(byViewer.events.map((e) => e.action).sort()).toEqual(['access.refused', 'access.refused', 'access.refused', 'auth.sign_in']);
    expect(byViewer.total).toBe(4);
    // Unknown filter values fall back to everything rather than failing.
    expect((await listAuditEvents(owner, { kind: 'nonsense', actorId: 'not-a-uuid' })).filter).toEqual({ kind: 'all', actorId: '' });
  });

  it('pages within a filter: older and newer pages keep to it', async () => {
    const { ctx: owner } = await createOrganization();
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 60; i++) {
        await appendAudit(tx, { orgId: owner.orgId, userId: owner.userId }, [
          { action: 'test.change', entityType: 'Test', entityId: String(i) },
          { action: 'auth.sign_in', entityType: 'User', entityId: owner.userId },
        ]);
      }
    });
    const first = await listAuditEvents(owner, { kind: 'sign-ins' });
    expect(first.total).toBe(60);
    expect(first.events).toHaveLength(50);
    expect(first.events.every((e) => e.action === 'auth.sign_in')).toBe(true);
    const second = await listAuditEvents(owner, { kind: 'sign-ins', before: first.older! });
    expect(second.events).toHaveLength(10);
    expect(second.events.every((e) => e.action === 'auth.sign_in')).toBe(true);
    expect(second.older).toBeNull();
    const back = await listAuditEvents(owner, { kind: 'sign-ins', after: second.newer! });
    expect(back.events.map((e) => e.seq)).toEqual(first.events.map((e) => e.seq));
  });
});
