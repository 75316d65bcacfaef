import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { parseInput } from '@/lib/action';
import type { OrgContext } from '@/lib/auth/permissions';
import { loadRegister } from '@/features/controls/controls.data';
import { awsHalfText } from '@/features/controls/status.policy';
import { addNoteVersion, getEvidence, reviewEvidence, storeFileUpload } from '@/features/evidence/evidence.data';
import { changeCoverage, supersedeProviderReport } from './report-coverage.data';
import { createProviderReport, listCoverableControls, listProviderReports, listReportHistory, updateProviderReport } from './reports.data';
import { createProviderReportSchema, supersedeProviderReportSchema, updateProviderReportSchema } from './reports.schema';

const soc2 = {
  title: 'SOC 2 Type 2',
  artifactReportId: 'report-A1b2C3d4E5f6G7h8',
  reportVersion: '2026-1',
  series: 'SOC',
  category: 'Certifications and attestations',
  periodStart: '2025-04-01',
  periodEnd: '2026-03-31',
  retrievedAt: '2026-05-02',
  termsAcceptedAt: '2026-05-02',
};

const bridgeLetter = {
  ...soc2,
  title: 'SOC 2 bridge letter',
  artifactReportId: 'report-B1b2C3d4E5f6G7h8',
  reportVersion: '1',
  documentType: 'BRIDGE_LETTER' as const,
  periodStart: '2026-04-01',
  periodEnd: '2026-06-30',
  retrievedAt: '2026-07-02',
  termsAcceptedAt: '2026-07-02',
};

const edit = (reportId: string, version: number) => ({
  reportId,
  version,
  title: soc2.title,
  reportVersion: soc2.reportVersion,
  series: soc2.series,
  category: soc2.category,
  documentType: 'REPORT' as const,
  periodStart: soc2.periodStart,
  periodEnd: soc2.periodEnd,
});

const auditOf = (ctx: OrgContext, action: string) =>
  prisma.auditEvent.findMany({
    where: { chain: ctx.orgId, action },
    orderBy: { seq: 'asc' },
    select: { entityId: true, before: true, after: true },
  });

const coveredBy = (evidenceId: string) =>
  prisma.evidenceControl.findMany({ where: { evidenceId }, select: { controlId: true } }).then((l) => l.map((c) => c.controlId).sort());

/** An organization with a system on EC2, two inherited and one shared control, and a customer one. */
async function setup() {
  const { ctx } = await createOrganization();
  const system = await createTestSystem(ctx, ['ec2']);
  const pe1 = await createTestControl(ctx, { code: 'PE-1', defaultType: 'INHERITED' });
  const pe2 = await createTestControl(ctx, { code: 'PE-2', defaultType: 'INHERITED' });
  const si2 = await createTestControl(ctx, { code: 'SI-2', defaultType: 'SHARED' }, [{ serviceCode: 'ec2', type: 'SHARED' }]);
  await createTestControl(ctx, { code: 'AC-2', defaultType: 'CUSTOMER' });
  /** Each control's AWS half in words, as the register derives it on a day within the report's grace. */
  const awsHalves = async () => {
    const rows = await loadRegister(ctx, { id: system.id, services: ['ec2'] }, { today: new Date('2026-04-15T12:00:00Z') });
    return Object.fromEntries(rows.filter((r) => r.state.aws).map((r) => [r.code, awsHalfText(r.state.aws!)]));
  };
  return { ctx, system, pe1, pe2, si2, awsHalves };
}

describe('provider reports', () => {
  it('covers the inherited controls and the AWS half of shared ones until the period ends plus the grace', async () => {
    const { ctx, system, pe1, si2 } = await setup();
    expect((await listCoverableControls(ctx)).map((c) => c.code)).toEqual(['PE-1', 'PE-2', 'SI-2']);

    const { reportId } = await createProviderReport(ctx, { ...soc2, controlIds: [pe1.id] });
    expect(await changeCoverage(ctx, { reportId, add: [pe1.id, si2.id], remove: [] })).toEqual({ added: [si2.id], removed: [] });

    const on = async (today: string) => {
      const rows = await loadRegister(ctx, { id: system.id, services: ['ec2'] }, { today: new Date(`${today}T12:00:00Z`) });
      return Object.fromEntries(rows.map((r) => [r.code, [r.freshness.aws?.state ?? null, r.freshness.overall]]));
    };
    // Period end 2026-03-31 + 90 days: covered through 2026-06-29.
    expect(await on('2026-04-15')).toMatchObject({
      'PE-1': ['CURRENT', 'CURRENT'],
      'SI-2': ['CURRENT', 'MISSING'],
      'AC-2': [null, 'MISSING'],
    });
    expect((await on('2026-06-29'))['PE-1']).toEqual(['EXPIRING', 'EXPIRING']);
    expect((await on('2026-06-30'))['PE-1']).toEqual(['EXPIRED', 'EXPIRED']);

    const [listed] = await listProviderReports(ctx, new Date('2026-04-15T00:00:00Z'));
    expect(listed).toMatchObject({
      artifactReportId: soc2.artifactReportId,
      documentType: 'REPORT',
      coveredControls: 2,
      state: 'CURRENT',
      validUntil: new Date('2026-06-29T00:00:00Z'),
    });
  });

  it('refuses an invalid report id, a period that ends before it starts, and a duplicate; one schema for form and action', async () => {
    await expect(parseInput(createProviderReportSchema, { ...soc2, artifactReportId: 'report-123', controlIds: [] })).rejects.toMatchObject(
      { fieldErrors: { artifactReportId: [expect.stringContaining('16 letters or digits')] } },
    );
    const backwards = { periodEnd: ['The period ends before it starts.'] };
    await expect(parseInput(createProviderReportSchema, { ...soc2, periodEnd: '2025-01-01', controlIds: [] })).rejects.toMatchObject({
      fieldErrors: backwards,
    });
    const id = '00000000-0000-4000-8000-000000000000';
    await expect(parseInput(updateProviderReportSchema, { ...edit(id, 1), periodEnd: '2025-01-01' })).rejects.toMatchObject({
      fieldErrors: backwards,
    });
    await expect(parseInput(updateProviderReportSchema, { ...edit(id, 1), documentType: 'LETTER' })).rejects.toMatchObject({
      fieldErrors: { documentType: ['Choose a report or a bridge letter.'] },
    });
    await expect(
      parseInput(supersedeProviderReportSchema, { ...bridgeLetter, periodEnd: '2026-01-01', supersedesId: id, supersedesVersion: 1 }),
    ).rejects.toMatchObject({ fieldErrors: backwards });
    // A report unless said otherwise.
    expect((await parseInput(createProviderReportSchema, { ...soc2, controlIds: [] })).documentType).toBe('REPORT');

    const { ctx } = await createOrganization();
    await createProviderReport(ctx, { ...soc2, controlIds: [] });
    await expect(createProviderReport(ctx, { ...soc2, controlIds: [] })).rejects.toMatchObject({
      fieldErrors: { artifactReportId: [expect.any(String)] },
    });
  });

  it('records the provider’s FedRAMP package on a report: id, type, impact level and date, each optional', async () => {
    const { ctx } = await setup();
    const { reportId } = await createProviderReport(ctx, { ...soc2, controlIds: [] });
    await expect(
      parseInput(updateProviderReportSchema, { ...edit(reportId, 1), fedrampPackageId: 'F 16/03', fedrampImpactLevel: 'EXTREME' }),
    ).rejects.toMatchObject({
      fieldErrors: { fedrampPackageId: [expect.stringContaining('F1603047866')], fedrampImpactLevel: ['Choose low, moderate or high.'] },
    });
    const input = await parseInput(updateProviderReportSchema, {
      ...edit(reportId, 1),
      fedrampPackageId: 'F1603047866',
      fedrampAuthorizationType: 'fedramp-jab',
      fedrampImpactLevel: 'MODERATE',
      fedrampAuthorizedAt: '2013-05-13',
    });
    await updateProviderReport(ctx, input);
    const [report] = await listProviderReports(ctx);
    expect(report).toMatchObject({
      fedrampPackageId: 'F1603047866',
      fedrampAuthorizationType: 'fedramp-jab',
      fedrampImpactLevel: 'MODERATE',
      fedrampAuthorizedAt: new Date('2013-05-13T00:00:00Z'),
    });
    // Left out by a caller: unchanged. Sent empty by the form: cleared.
    await updateProviderReport(ctx, { ...edit(reportId, 2), series: 'FedRAMP' });
    expect((await listProviderReports(ctx))[0]).toMatchObject({ series: 'FedRAMP', fedrampPackageId: 'F1603047866' });
    await updateProviderReport(
      ctx,
      await parseInput(updateProviderReportSchema, { ...edit(reportId, 3), fedrampPackageId: '', fedrampAuthorizedAt: '' }),
    );
    expect((await listProviderReports(ctx))[0]).toMatchObject({
      fedrampPackageId: '',
      fedrampAuthorizedAt: null,
      fedrampImpactLevel: null,
    });
  });

  it('is edited over the version it was loaded with, audited before and after', async () => {
    const { ctx } = await setup();
    const { ctx: admin } = await createMember(ctx, 'ADMIN');
    const { reportId, evidenceId } = await createProviderReport(ctx, { ...soc2, controlIds: [] });

    const saved = await updateProviderReport(ctx, { ...edit(reportId, 1), title: 'SOC 2 Type II', periodEnd: '2026-04-30' });
    expect(saved).toEqual({ reportId, version: 2 });
    // Someone who opened the form before that save is refused, with the same words as elsewhere.
    await expect(updateProviderReport(admin, { ...edit(reportId, 1), series: 'Stale' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Someone else saved this report after you opened it'),
    });

    const { current } = await listReportHistory(ctx);
    expect(current[0]).toMatchObject({ title: 'SOC 2 Type II', series: 'SOC', periodEnd: new Date('2026-04-30T00:00:00Z'), version: 2 });
    expect((await getEvidence(ctx, evidenceId)).title).toBe('AWS SOC 2 Type II');
    const [event] = await auditOf(ctx, 'report.updated');
    expect(event).toMatchObject({
      entityId: reportId,
      before: { title: 'SOC 2 Type 2', periodEnd: '2026-03-31T00:00:00.000Z', version: 1 },
      after: { title: 'SOC 2 Type II', periodEnd: '2026-04-30T00:00:00.000Z', version: 2 },
    });
  });

  it('adds and removes coverage, audited with the control ids', async () => {
    const { ctx, pe1, pe2, si2, awsHalves } = await setup();
    const { reportId, evidenceId } = await createProviderReport(ctx, { ...soc2, controlIds: [pe1.id, pe2.id] });
    expect(await awsHalves()).toMatchObject({
      'PE-2': expect.stringContaining('Implemented by AWS'),
      'SI-2': 'AWS half: no report on file',
    });

    // PE-1 is already covered (not added again); SI-2 is not (not removed).
    expect(await changeCoverage(ctx, { reportId, add: [si2.id, pe1.id], remove: [pe2.id] })).toEqual({
      added: [si2.id],
      removed: [pe2.id],
    });
    expect(await coveredBy(evidenceId)).toEqual([pe1.id, si2.id].sort());
    expect(await awsHalves()).toMatchObject({
      'PE-2': 'AWS half: no report on file',
      'SI-2': expect.stringContaining('Implemented by AWS'),
    });
    expect(await auditOf(ctx, 'report.coverage_changed')).toEqual([
      { entityId: reportId, before: { controlCount: 2 }, after: { added: [si2.id], removed: [pe2.id], controlCount: 2 } },
    ]);

    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await expect(changeCoverage(editor, { reportId, add: [pe2.id], remove: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is superseded by a bridge letter that takes over its coverage, once', async () => {
    const { ctx, pe1, si2, awsHalves } = await setup();
    const old = await createProviderReport(ctx, { ...soc2, controlIds: [pe1.id, si2.id] });
    expect((await awsHalves())['PE-1']).toContain(soc2.artifactReportId);

    const letter = await supersedeProviderReport(ctx, { ...bridgeLetter, supersedesId: old.reportId, supersedesVersion: 1 });
    expect(letter).toMatchObject({ supersededId: old.reportId, covered: 2 });
    expect(await coveredBy(old.evidenceId)).toEqual([]);
    expect(await coveredBy(letter.evidenceId)).toEqual([pe1.id, si2.id].sort());
    // The AWS half now names the bridge letter (period end 2026-06-30 + 90 days).
    expect(await awsHalves()).toMatchObject({
      'PE-1': `Implemented by AWS — SOC 2 bridge letter, ${bridgeLetter.artifactReportId}, covered until 2026-09-28`,
      'SI-2': `Implemented by AWS — SOC 2 bridge letter, ${bridgeLetter.artifactReportId}, covered until 2026-09-28`,
    });

    const { current, superseded } = await listReportHistory(ctx);
    expect(current.map((r) => [r.title, r.documentType, r.covered.length])).toEqual([['SOC 2 bridge letter', 'BRIDGE_LETTER', 2]]);
    expect(superseded).toMatchObject([
      { id: old.reportId, covered: [], supersededBy: { id: letter.reportId, title: 'SOC 2 bridge letter', documentType: 'BRIDGE_LETTER' } },
    ]);
    expect(superseded[0]!.supersededAt).toBeInstanceOf(Date);
    // Summaries and the SSP list the reports that count.
    expect((await listProviderReports(ctx)).map((r) => r.id)).toEqual([letter.reportId]);

    // History does not change: superseded twice, edited, or its coverage changed — all refused.
    const again = { ...bridgeLetter, artifactReportId: 'report-C1b2C3d4E5f6G7h8', supersedesId: old.reportId, supersedesVersion: 2 };
    await expect(supersedeProviderReport(ctx, again)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('superseded by “SOC 2 bridge letter”'),
    });
    await expect(updateProviderReport(ctx, edit(old.reportId, 2))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(changeCoverage(ctx, { reportId: old.reportId, add: [pe1.id], remove: [] })).rejects.toMatchObject({ code: 'CONFLICT' });

    const events = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: { in: ['report.recorded', 'report.superseded'] } },
      orderBy: { seq: 'asc' },
      select: { action: true, entityId: true, after: true },
    });
    expect(events.slice(1)).toMatchObject([
      { action: 'report.recorded', entityId: letter.reportId, after: { supersedes: old.reportId } },
      { action: 'report.superseded', entityId: old.reportId, after: { supersededById: letter.reportId, controlIds: [] } },
    ]);
  });

  it('is superseded with adjusted coverage, refuses a stale version and a period that ends earlier, all or nothing', async () => {
    const { ctx, pe1, pe2, si2 } = await setup();
    const old = await createProviderReport(ctx, { ...soc2, controlIds: [pe1.id, si2.id] });
    await updateProviderReport(ctx, edit(old.reportId, 1));
    const base = { ...bridgeLetter, supersedesId: old.reportId };
    await expect(supersedeProviderReport(ctx, { ...base, supersedesVersion: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(supersedeProviderReport(ctx, { ...base, supersedesVersion: 2, periodEnd: '2026-03-30' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { periodEnd: [expect.stringContaining('runs until 2026-03-31')] },
    });
    const other = await createOrganization();
    const theirs = await createTestControl(other.ctx, { defaultType: 'INHERITED' });
    await expect(supersedeProviderReport(ctx, { ...base, supersedesVersion: 2, controlIds: [pe1.id, theirs.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Nothing of the refused attempts is left.
    expect((await listReportHistory(ctx)).current.map((r) => r.id)).toEqual([old.reportId]);
    expect(await coveredBy(old.evidenceId)).toEqual([pe1.id, si2.id].sort());

    const letter = await supersedeProviderReport(ctx, { ...base, supersedesVersion: 2, controlIds: [pe1.id, pe2.id] });
    expect(await coveredBy(letter.evidenceId)).toEqual([pe1.id, pe2.id].sort());
    expect(await coveredBy(old.evidenceId)).toEqual([]);
  });

  it('goes back to review when a new version is added, and covers nothing until accepted again', async () => {
    const { ctx, pe1, si2, awsHalves } = await setup();
    const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
    const { reportId, evidenceId } = await createProviderReport(ctx, { ...soc2, controlIds: [pe1.id, si2.id] });
    expect((await awsHalves())['PE-1']).toContain('Implemented by AWS');

    // A private copy of the report, uploaded as a file.
    const pdf = Buffer.from('%PDF-1.7\n% SOC 2 Type 2\n%%EOF\n');
    const meta = { effectiveAt: '2026-05-02', source: 'AWS Artifact', periodStart: '', periodEnd: '', notes: '', fileName: 'soc2.pdf' };
    await storeFileUpload(ctx, { ...meta, evidenceId }, Readable.from([pdf]));
    const reopened = await getEvidence(ctx, evidenceId);
    expect(reopened).toMatchObject({
      reviewState: 'SUBMITTED',
      reviewedById: null,
      reviewedAt: null,
      reviewReason: 'A new version was added; review it again.',
      version: 2,
    });
    expect(await awsHalves()).toMatchObject({ 'PE-1': 'AWS half: no report on file', 'SI-2': 'AWS half: no report on file' });
    expect((await listReportHistory(ctx)).current[0]!.review).toMatchObject({ state: 'SUBMITTED', version: 2 });
    expect(await auditOf(ctx, 'evidence.review_reopened')).toMatchObject([
      {
        entityId: evidenceId,
        before: { reviewState: 'ACCEPTED', reviewedById: ctx.userId },
        after: { reviewState: 'SUBMITTED', reviewedById: null, reviewReason: 'A new version was added; review it again.' },
      },
    ]);

    await reviewEvidence(auditor, { evidenceId, version: 2, decision: 'ACCEPTED', reason: '' });
    expect((await awsHalves())['PE-1']).toContain(`Implemented by AWS — SOC 2 Type 2, ${soc2.artifactReportId}`);
    // Links and notes are versions of their own kinds only; a report takes files.
    await expect(addNoteVersion(ctx, { ...meta, evidenceId, note: 'x' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(reportId).toBeTruthy();
  });

  it('is managed by owners and admins only, within one organization', async () => {
    const { ctx, pe1 } = await setup();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await expect(createProviderReport(editor, { ...soc2, controlIds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { reportId } = await createProviderReport(ctx, { ...soc2, controlIds: [pe1.id] });
    await expect(updateProviderReport(editor, edit(reportId, 1))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(supersedeProviderReport(editor, { ...bridgeLetter, supersedesId: reportId, supersedesVersion: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    // Another organization's owner names this report: it does not exist for them.
    const other = await createOrganization();
    const theirs = await createTestControl(other.ctx);
    await expect(changeCoverage(other.ctx, { reportId, add: [theirs.id], remove: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateProviderReport(other.ctx, edit(reportId, 1))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      supersedeProviderReport(other.ctx, { ...bridgeLetter, supersedesId: reportId, supersedesVersion: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listReportHistory(other.ctx)).current).toEqual([]);
    // …nor can this organization cover another's control.
    await expect(changeCoverage(ctx, { reportId, add: [theirs.id], remove: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createProviderReport(ctx, { ...soc2, reportVersion: '2', controlIds: [theirs.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
