import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { loadStarterLibrary } from '@/features/library/library.data';
import { bulkAssignOwner, saveImplementation } from '@/features/owners/owners.data';
import { listControls, saveCustomersPart } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { createFramework, createRequirement, mapControl } from '@/features/frameworks/frameworks.data';
import { createProviderReport } from '@/features/reports/reports.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { compareSnapshots, contentHash, createSnapshot, getSnapshot, getSummary, listSnapshots, signOffSnapshot } from './summaries.data';
import type { SummaryContentV2 } from './summary.policy';

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

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function controlId(ctx: OrgContext, systemId: string, q: string) {
  return (await listControls(ctx, parseRegisterFilters({ system: systemId, q }))).rows[0]!.id;
}

/** An accepted SOC 2 report, its period ended ten days ago: it covers until 80 days from now. */
async function currentReport(ctx: OrgContext, controlIds: string[], artifactReportId = 'report-SOC2TYPE2CURRENT') {
  return createProviderReport(ctx, {
    title: 'SOC 2 Type 2',
    artifactReportId,
    reportVersion: '1',
    series: 'SOC',
    category: 'Certifications and attestations',
    periodStart: daysAgo(375),
    periodEnd: daysAgo(10),
    retrievedAt: daysAgo(5),
    termsAcceptedAt: daysAgo(5),
    controlIds,
  });
}

const cell = (summary: SummaryContentV2, type: 'INHERITED' | 'SHARED' | 'CUSTOMER', label: string) =>
  summary.controls.byTypeAndStatus[type].find((c) => c.label === label)?.count;

describe('summaries and snapshots', () => {
  it('summarizes the system: types, owners, evidence and gaps with their owners', async () => {
    const { ctx, system } = await setup();
    const summary = await getSummary(ctx, system.id);
    const register = await listControls(ctx, parseRegisterFilters({ system: system.id }));
    expect(summary.schemaVersion).toBe(2);
    expect(summary.controls.total).toBe(register.total);
    expect(summary.controls.applicable + summary.controls.notApplicable).toBe(summary.controls.total);
    expect(summary.controls.byType.SHARED).toBeGreaterThan(0);
    expect(summary.owners).toEqual({ customerHalves: expect.any(Number), withOwner: 0 });
    expect(summary.evidence.missing).toBe(summary.controls.applicable);
    expect(summary.gaps[0]?.reasons).toEqual([
      'No owner',
      'AWS half: no report on file',
      'Customer half: not started',
      'No accepted evidence',
    ]);
    const byTypeTotal = Object.values(summary.controls.byTypeAndStatus)
      .flat()
      .reduce((n, c) => n + c.count, 0);
    expect(byTypeTotal).toBe(summary.controls.applicable);
    expect(summary.rows[0]).toMatchObject({ statusLabel: expect.any(String), evidence: { overall: 'MISSING' } });
    // A live summary does not carry the evidence versions; a snapshot does.
    expect(summary.evidenceVersions).toBeUndefined();
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
    expect(changes).toContainEqual({ what: `${network.rows[0]!.code} owner`, before: 'No owner', after: 'Owner' });
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
    expect(scoped.frameworks).toEqual([
      {
        id: soc2.id,
        name: 'SOC 2',
        requirements: 1,
        mapped: 1,
        states: { COVERED: 0, PARTIAL: 0, NOT_COVERED: 1, NOT_APPLICABLE: 0, UNMAPPED: 0 },
      },
    ]);
    const snapshot = await createSnapshot(ctx, { systemId: system.id, frameworkId: soc2.id });
    expect((await getSnapshot(ctx, snapshot.id)).content.framework?.name).toBe('SOC 2');
    const other = await createOrganization();
    await expect(
      getSummary(ctx, system.id, (await createFramework(other.ctx, { name: 'Theirs', version: '', description: '' })).id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts an inherited control covered by a current accepted report as implemented by AWS', async () => {
    const { ctx, system } = await setup();
    const physical = await controlId(ctx, system.id, 'Physical and environmental');
    const before = await getSummary(ctx, system.id);
    expect(cell(before, 'INHERITED', 'Implemented by AWS')).toBe(0);
    expect(cell(before, 'INHERITED', 'AWS half: no report on file')).toBe(before.controls.byType.INHERITED);

    await currentReport(ctx, [physical]);
    const after = await getSummary(ctx, system.id);
    expect(cell(after, 'INHERITED', 'Implemented by AWS')).toBe(1);
    const row = after.rows.find((r) => r.id === physical)!;
    expect(row).toMatchObject({ status: 'IMPLEMENTED', statusLabel: 'Implemented by AWS', satisfied: true });
    expect(row.aws?.text).toMatch(/^Implemented by AWS — SOC 2 Type 2, report-SOC2TYPE2CURRENT, covered until \d{4}-\d{2}-\d{2}$/);
    expect(after.gaps.some((g) => g.code === row.code)).toBe(false);
    expect(after.reports).toEqual([
      expect.objectContaining({ artifactReportId: 'report-SOC2TYPE2CURRENT', state: 'CURRENT', superseded: false, controls: [physical] }),
    ]);
  });

  it('lists controls that do not apply with their reason, and leaves them out of every other figure', async () => {
    const { ctx, system } = await setup();
    const lambda = await controlId(ctx, system.id, 'Lambda function code');
    const residency = await controlId(ctx, system.id, 'Region choice');
    // Bound to a service the system does not use …
    await sql.query(`UPDATE "Control" SET "appliesTo" = ARRAY['lambda'] WHERE "id" = $1`, [lambda]);
    // … and marked not applicable by hand, with the justification a reviewer reads.
    await saveImplementation(ctx, {
      controlId: residency,
      systemId: system.id,
      version: 0,
      status: 'NOT_APPLICABLE',
      narrative: '',
      justification: 'All data stays in eu-west-1 by an SCP; residency is decided at the organization level.',
      ownerId: '',
      nextReviewAt: '',
    });
    const summary = await getSummary(ctx, system.id);
    // These two, beside the starter library's own service-bound controls for services this system does not use.
    expect(summary.controls.notApplicable).toBe(summary.notApplicableControls.length);
    const reasonOf = new Map(summary.notApplicableControls.map((c) => [c.code, c.reason]));
    const rowCode = (controlId: string) => summary.rows.find((r) => r.id === controlId)!.code;
    expect(reasonOf.get(rowCode(lambda))).toBe('Not applicable — this system uses no AWS Lambda');
    expect(reasonOf.get(rowCode(residency))).toBe(
      'Not applicable — All data stays in eu-west-1 by an SCP; residency is decided at the organization level.',
    );
    const codes = new Set(summary.notApplicableControls.map((c) => c.code));
    expect(summary.gaps.some((g) => codes.has(g.code))).toBe(false);
    expect(summary.evidence.missing).toBe(summary.controls.applicable);
    expect(new Set(summary.rows.filter((r) => codes.has(r.code)).map((r) => r.statusLabel))).toEqual(new Set(['Not applicable']));
  });

  it('freezes owners, halves and evidence versions in one read; later edits change neither the content nor its hash', async () => {
    const { ctx, auditor, system } = await setup();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const network = await controlId(ctx, system.id, 'Network protection');
    await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [network], ownerId: ctx.userId });
    const { id } = await createSnapshot(auditor, { systemId: system.id });
    const frozen = await getSnapshot(ctx, id);
    const content = frozen.content as SummaryContentV2;
    expect(content.evidenceVersions).toEqual([]);
    expect(content.rows.find((r) => r.id === network)?.owner).toEqual({
      name: 'Owner',
      email: expect.stringMatching(/^owner-.*@example\.test$/),
    });
    expect(frozen.createdAt.toISOString()).toBe(content.generatedAt);

    await bulkAssignOwner(ctx, { systemId: system.id, controlIds: [network], ownerId: editor.userId });
    await currentReport(ctx, [await controlId(ctx, system.id, 'Physical and environmental')]);
    const again = await getSnapshot(ctx, id);
    expect(again.intact).toBe(true);
    expect(again.sha256).toBe(frozen.sha256);
    expect(contentHash(again.content)).toBe(frozen.sha256);
    expect((again.content as SummaryContentV2).rows.find((r) => r.id === network)?.owner?.name).toBe('Owner');
    expect((await getSummary(ctx, system.id)).rows.find((r) => r.id === network)?.owner?.name).toBe('EDITOR member');
  });

  it('shows the team’s customers’ part; a snapshot frozen before it stays intact and unchanged, a new one carries it', async () => {
    const { ctx, auditor, system } = await setup();
    const network = await controlId(ctx, system.id, 'Network protection');
    const before = await createSnapshot(auditor, { systemId: system.id });
    const frozen = await getSnapshot(ctx, before.id);
    expect((frozen.content as SummaryContentV2).rows.some((r) => 'customers' in r)).toBe(false);

    await saveCustomersPart(ctx, {
      controlId: network,
      systemId: system.id,
      version: 0,
      customersResponsibility: 'Restrict the source addresses of your own API clients.',
      customersInherit: 'PARTIAL',
      plannedCompletionAt: null,
    });
    const live = await getSummary(ctx, system.id);
    expect(live.rows.find((r) => r.id === network)?.customers).toEqual({
      responsibility: 'Restrict the source addresses of your own API clients.',
      inherit: 'PARTIAL',
    });
    expect(live.rows.filter((r) => r.customers)).toHaveLength(1);

    const again = await getSnapshot(ctx, before.id);
    expect(again.intact).toBe(true);
    expect(again.content).toEqual(frozen.content);
    const after = await getSnapshot(ctx, (await createSnapshot(auditor, { systemId: system.id })).id);
    expect(after.intact).toBe(true);
    expect((after.content as SummaryContentV2).rows.find((r) => r.id === network)?.customers?.inherit).toBe('PARTIAL');
  });
});
