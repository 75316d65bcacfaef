import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { loadStarterLibrary } from '@/features/library/library.data';
import { bulkAssignOwner } from '@/features/owners/owners.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { createFramework, createRequirement, mapControl } from '@/features/frameworks/frameworks.data';
import { compareSnapshots, createSnapshot, getSnapshot, getSummary, listSnapshots, signOffSnapshot } from './summaries.data';

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();
afterAll(() => sql.end());

async function setup() {
  const { ctx } = await createOrganization();
  const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
  await loadStarterLibrary(ctx);
  const system = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Payments');
  return { ctx, auditor, system };
}

describe('summaries and snapshots', () => {
  it('summarizes the system: types, owners, evidence and gaps with their owners', async () => {
    const { ctx, system } = await setup();
    const summary = await getSummary(ctx, system.id);
    const register = await listControls(ctx, parseRegisterFilters({ system: system.id }));
    expect(summary.controls.total).toBe(register.total);
    expect(summary.controls.byType.SHARED).toBeGreaterThan(0);
    expect(summary.owners).toEqual({ customerHalves: expect.any(Number), withOwner: 0 });
    expect(summary.evidence.missing).toBe(summary.controls.total);
    expect(summary.gaps[0]?.reasons).toEqual(['no owner', 'no evidence']);
    const byTypeTotal = Object.values(summary.controls.byTypeAndStatus)
      .flatMap((s) => Object.values(s))
      .reduce((a, b) => a + b, 0);
    expect(byTypeTotal).toBe(summary.controls.total);
  });

  it('freezes a snapshot that cannot be changed, is signed off once, and shows what changed since', async () => {
    const { ctx, auditor, system } = await setup();
    const first = await createSnapshot(auditor, { systemId: system.id });
    await expect(sql.query(`UPDATE "Snapshot" SET "content" = '{}' WHERE "id" = $1`, [first.id])).rejects.toThrow(/immutable/);
    await expect(sql.query(`DELETE FROM "Snapshot" WHERE "id" = $1`, [first.id])).rejects.toThrow(/immutable/);

    await signOffSnapshot(auditor, { snapshotId: first.id, comment: 'Reviewed against the SOC 2 scope.' });
    await expect(signOffSnapshot(ctx, { snapshotId: first.id, comment: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(sql.query(`UPDATE "Snapshot" SET "signComment" = 'forged' WHERE "id" = $1`, [first.id])).rejects.toThrow(/immutable/);
    const signed = await getSnapshot(ctx, first.id);
    expect(signed).toMatchObject({ intact: true, signedBy: 'AUDITOR member', signComment: 'Reviewed against the SOC 2 scope.' });

    const network = await listControls(ctx, parseRegisterFilters({ system: system.id, q: 'Network protection' }));
    await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [network.rows[0]!.id], ownerId: ctx.userId });
    const second = await createSnapshot(ctx, { systemId: system.id });
    const { changes } = await compareSnapshots(ctx, first.id, second.id);
    expect(changes).toContainEqual({ what: 'Customer halves with an owner', before: '0', after: '1' });
    expect(changes).toContainEqual({ what: `${network.rows[0]!.code} owner`, before: 'none', after: 'Owner' });
    expect((await listSnapshots(ctx, system.id)).map((s) => s.id)).toEqual([second.id, first.id]);
  });

  it('is frozen and signed by owners, admins and auditors only, within one organization', async () => {
    const { ctx, system } = await setup();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await expect(createSnapshot(editor, { systemId: system.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const snapshot = await createSnapshot(ctx, { systemId: system.id });
    const other = await createOrganization();
    await expect(getSummary(other.ctx, system.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getSnapshot(other.ctx, snapshot.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(signOffSnapshot(other.ctx, { snapshotId: snapshot.id, comment: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('scopes a summary to one framework: only the controls mapped to its requirements', async () => {
    const { ctx, system } = await setup();
    const soc2 = await createFramework(ctx, { name: 'SOC 2', version: '2017', description: '' });
    const cc61 = await createRequirement(ctx, {
      frameworkId: soc2.id,
      externalId: 'CC6.1',
      title: 'Logical access',
      statement: '',
      parentExternalId: '',
      group: false,
    });
    const iam = (await listControls(ctx, parseRegisterFilters({ system: system.id, q: 'IAM users' }))).rows[0]!;
    await mapControl(ctx, { controlId: iam.id, requirementId: cc61.id, rationale: '' });

    const scoped = await getSummary(ctx, system.id, soc2.id);
    expect(scoped.framework).toEqual({ id: soc2.id, name: 'SOC 2' });
    expect(scoped.controls.total).toBe(1);
    expect(scoped.rows.map((r) => r.code)).toEqual([iam.code]);
    expect(scoped.frameworks).toEqual([{ name: 'SOC 2', requirements: 1, mapped: 1, covered: 0 }]);
    const snapshot = await createSnapshot(ctx, { systemId: system.id, frameworkId: soc2.id });
    expect((await getSnapshot(ctx, snapshot.id)).content.framework?.name).toBe('SOC 2');
    const other = await createOrganization();
    await expect(
      getSummary(ctx, system.id, (await createFramework(other.ctx, { name: 'Theirs', version: '', description: '' })).id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
