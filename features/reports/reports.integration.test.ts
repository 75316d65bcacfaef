import { describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { parseInput } from '@/lib/action';
import { loadRegister } from '@/features/controls/controls.data';
import { coverControls, createProviderReport, listCoverableControls, listProviderReports } from './reports.data';
import { createProviderReportSchema } from './reports.schema';

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

describe('provider reports', () => {
  it('covers the inherited controls and the AWS half of shared ones until the period ends plus the grace', async () => {
    const { ctx } = await createOrganization();
    const system = await createTestSystem(ctx, ['ec2']);
    const inherited = await createTestControl(ctx, { code: 'PE-1', defaultType: 'INHERITED' });
    const shared = await createTestControl(ctx, { code: 'SI-2', defaultType: 'SHARED' }, [{ serviceCode: 'ec2', type: 'SHARED' }]);
    await createTestControl(ctx, { code: 'AC-2', defaultType: 'CUSTOMER' });
    expect((await listCoverableControls(ctx)).map((c) => c.code)).toEqual(['PE-1', 'SI-2']);

    const { evidenceId } = await createProviderReport(ctx, { ...soc2, controlIds: [inherited.id] });
    expect(await coverControls(ctx, { evidenceId, controlIds: [inherited.id, shared.id] })).toEqual({ added: 1 });

    const on = async (today: string) => {
      const rows = await loadRegister(ctx, { id: system.id, services: ['ec2'] }, { today: new Date(`${today}T12:00:00Z`) });
      return Object.fromEntries(rows.map((r) => [r.code, [r.freshness.aws?.state ?? null, r.freshness.overall]]));
    };
    // Period end 2026-03-31 + 90 days: covered through 2026-06-29.
    expect(await on('2026-04-15')).toEqual({ 'PE-1': ['CURRENT', 'CURRENT'], 'SI-2': ['CURRENT', 'MISSING'], 'AC-2': [null, 'MISSING'] });
    expect((await on('2026-06-29'))['PE-1']).toEqual(['EXPIRING', 'EXPIRING']);
    expect((await on('2026-06-30'))['PE-1']).toEqual(['EXPIRED', 'EXPIRED']);

    const [listed] = await listProviderReports(ctx, new Date('2026-04-15T00:00:00Z'));
    expect(listed).toMatchObject({
      artifactReportId: soc2.artifactReportId,
      coveredControls: 2,
      state: 'CURRENT',
      validUntil: new Date('2026-06-29T00:00:00Z'),
    });
  });

  it('refuses an invalid report id, a period that ends before it starts, and a duplicate', async () => {
    await expect(parseInput(createProviderReportSchema, { ...soc2, artifactReportId: 'report-123', controlIds: [] })).rejects.toMatchObject(
      {
        fieldErrors: { artifactReportId: [expect.stringContaining('16 letters or digits')] },
      },
    );
    await expect(parseInput(createProviderReportSchema, { ...soc2, periodEnd: '2025-01-01', controlIds: [] })).rejects.toMatchObject({
      fieldErrors: { periodEnd: ['The period ends before it starts.'] },
    });
    const { ctx } = await createOrganization();
    await createProviderReport(ctx, { ...soc2, controlIds: [] });
    await expect(createProviderReport(ctx, { ...soc2, controlIds: [] })).rejects.toMatchObject({
      fieldErrors: { artifactReportId: [expect.any(String)] },
    });
  });

  it('is recorded by owners and admins only, within one organization', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    await expect(createProviderReport(editor, { ...soc2, controlIds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { evidenceId } = await createProviderReport(ctx, { ...soc2, controlIds: [] });
    const other = await createOrganization();
    const theirs = await createTestControl(other.ctx);
    await expect(coverControls(other.ctx, { evidenceId, controlIds: [theirs.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createProviderReport(ctx, { ...soc2, reportVersion: '2', controlIds: [theirs.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
