import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createCheckFailure, createMember, createOrganization, createTestSystem } from '@/test/factories';
import { loadStarterLibrary } from '@/features/library/library.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { createLinkEvidence, submitEvidence } from '@/features/evidence/evidence.data';
import { createFramework, createRequirement, mapControl } from '@/features/frameworks/frameworks.data';
import { coveredShare } from '@/features/frameworks/frameworks.policy';
import { createProviderReport } from '@/features/reports/reports.data';
import { getSummary } from '@/features/summaries/summaries.data';
import { failingControlsOf, readiness } from '@/features/summaries/summary.policy';
import type { OrgContext } from '@/lib/auth/permissions';
import { getOverview } from './overview.data';
import { readinessHistory, recordDailyReadiness } from './readiness.data';

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();
afterAll(() => sql.end());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/**
 * An organization with the starter library, two systems, an accepted SOC 2 report covering the
 * inherited controls of the first (so some controls are ready there), a framework with two
 * requirements (one covered), a failing check and one evidence item awaiting review.
 */
async function setup() {
  const { ctx } = await createOrganization();
  await loadStarterLibrary(ctx);
  const payments = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Payments');
  const portal = await createTestSystem(ctx, ['lambda', 'dynamodb'], 'Portal');
  const rows = (await listControls(ctx, parseRegisterFilters({ system: payments.id }))).rows;
  const inherited = rows.filter((r) => r.effective.type === 'INHERITED' && r.state.applicability.applies);
  expect(inherited.length).toBeGreaterThan(1);
  await createProviderReport(ctx, {
    title: 'SOC 2 Type 2',
    artifactReportId: 'report-SOC2TYPE2CURRENT',
    reportVersion: '1',
    series: 'SOC',
    category: 'Certifications and attestations',
    periodStart: daysAgo(375),
    periodEnd: daysAgo(10),
    retrievedAt: daysAgo(5),
    termsAcceptedAt: daysAgo(5),
    controlIds: inherited.map((r) => r.id),
  });
  const soc2 = await createFramework(ctx, { name: 'SOC 2', version: '2017', description: '' });
  const requirement = (externalId: string) =>
    createRequirement(ctx, { frameworkId: soc2.id, externalId, title: externalId, statement: '', parentExternalId: '', group: false });
  await mapControl(ctx, { controlId: inherited[0]!.id, requirementId: (await requirement('CC6.4')).id, rationale: '' });
  const shared = rows.find((r) => r.effective.type === 'SHARED')!;
  await mapControl(ctx, { controlId: shared.id, requirementId: (await requirement('CC6.1')).id, rationale: '' });
  await createCheckFailure(ctx, { systemId: payments.id, controlId: inherited[1]!.id });
  const { ctx: editor } = await createMember(ctx, 'EDITOR');
  const evidence = await createLinkEvidence(editor, {
    effectiveAt: daysAgo(0),
    source: 'AWS console',
    periodStart: '',
    periodEnd: '',
    notes: '',
    title: 'Security group review',
    description: '',
    systemId: '',
    controlIds: [shared.id],
    url: 'https://console.aws.amazon.com/ec2',
  });
  await submitEvidence(editor, { evidenceId: evidence.id, version: 1 });
  return { ctx, payments, portal, soc2 };
}

async function recordedRows(ctx: OrgContext) {
  const { rows } = await sql.query<{ systemId: string; frameworkId: string | null; day: string; implemented: number; applicable: number }>(
    `SELECT "systemId", "frameworkId", to_char("day", 'YYYY-MM-DD') AS day, implemented, applicable
     FROM "ReadinessDaily" WHERE "orgId" = $1 ORDER BY "systemId", "frameworkId" NULLS FIRST, day`,
    [ctx.orgId],
  );
  return rows;
}

describe('the overview', () => {
  it('shows per system the summary’s readiness, framework coverage and failing checks', async () => {
    const { ctx, payments, portal, soc2 } = await setup();
    const overview = await getOverview(ctx);
    expect(overview.systems.map((s) => s.name)).toEqual(['Payments', 'Portal']);
    for (const system of [payments, portal]) {
      const summary = await getSummary(ctx, system.id);
      const shown = overview.systems.find((s) => s.id === system.id)!;
      expect({ implemented: shown.readiness.implemented, applicable: shown.readiness.applicable }).toEqual(readiness(summary.rows));
      expect(shown.failingControls).toBe(failingControlsOf(summary));
      const soc2Summary = summary.frameworks.find((f) => f.id === soc2.id)!;
      const soc2Shown = shown.frameworks.find((f) => f.id === soc2.id)!;
      expect({ covered: soc2Shown.covered, of: soc2Shown.of }).toEqual(coveredShare(soc2Summary.states));
    }
    const shown = overview.systems[0]!;
    // The report makes the inherited controls ready, except the one with a failing check.
    expect(shown.readiness.implemented).toBeGreaterThan(0);
    expect(shown.failingControls).toBe(1);
    expect(shown.frameworks.find((f) => f.id === soc2.id)).toMatchObject({ covered: 1, of: 2, percent: 50 });
    expect(overview.reviewQueue).toMatchObject({ total: 1, items: [{ title: 'Security group review' }] });
    expect(overview.owners.unowned).toBeGreaterThan(0);
  });

  it('lists what expires within the window, per half, with its system and date', async () => {
    const { ctx } = await createOrganization();
    await loadStarterLibrary(ctx);
    const system = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Payments');
    const [first, second] = (await listControls(ctx, parseRegisterFilters({ system: system.id, type: 'INHERITED' }))).rows;
    const report = (artifactReportId: string, periodEnd: number, controlIds: string[]) =>
      createProviderReport(ctx, {
        title: 'ISO 27001',
        artifactReportId,
        reportVersion: '1',
        series: 'ISO',
        category: 'Certifications and attestations',
        periodStart: daysAgo(periodEnd + 365),
        periodEnd: daysAgo(periodEnd),
        retrievedAt: daysAgo(5),
        termsAcceptedAt: daysAgo(5),
        controlIds,
      });
    // Period end plus the 90-day grace: 10 days from now (expiring soon), and 80 days from now (current).
    await report('report-ISO27001ENDING', 80, [first!.id]);
    await report('report-ISO27001CURRENT', 10, [second!.id]);
    const overview = await getOverview(ctx);
    expect(overview.expiring.total).toBe(1);
    expect(overview.expiring.items).toEqual([
      expect.objectContaining({
        systemId: system.id,
        systemName: 'Payments',
        controlId: first!.id,
        half: 'aws',
        validUntil: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      }),
    ]);
  });

  it('records each day’s figures once, idempotently, equal to the overview’s', async () => {
    const { ctx, payments, soc2 } = await setup();
    const today = new Date();
    const first = await recordDailyReadiness(today);
    expect(first.organizations).toBeGreaterThan(0);
    const once = await recordedRows(ctx);
    // Two systems, each with its own row and the framework's.
    expect(once).toHaveLength(4);
    await recordDailyReadiness(today);
    expect(await recordedRows(ctx)).toEqual(once);

    const overview = await getOverview(ctx);
    const shown = overview.systems.find((s) => s.id === payments.id)!;
    expect(once.find((r) => r.systemId === payments.id && r.frameworkId === null)).toMatchObject({
      day: today.toISOString().slice(0, 10),
      implemented: shown.readiness.implemented,
      applicable: shown.readiness.applicable,
    });
    expect(once.find((r) => r.systemId === payments.id && r.frameworkId === soc2.id)).toMatchObject({ implemented: 1, applicable: 2 });

    // A change later the same day: the same rows, updated.
    const ready = (await listControls(ctx, parseRegisterFilters({ system: payments.id, q: '' }))).rows.find((r) => r.state.satisfied)!;
    await createCheckFailure(ctx, { systemId: payments.id, controlId: ready.id });
    await recordDailyReadiness(today);
    const again = await recordedRows(ctx);
    expect(again).toHaveLength(4);
    expect(again.find((r) => r.systemId === payments.id && r.frameworkId === null)!.implemented).toBe(shown.readiness.implemented - 1);

    // The next day adds rows; the trend reads both days, oldest first.
    const tomorrow = new Date(today.getTime() + 86_400_000);
    await recordDailyReadiness(tomorrow);
    expect(await recordedRows(ctx)).toHaveLength(8);
    const series = (await getOverview(ctx, tomorrow)).trend!.find((s) => s.systemId === payments.id && s.frameworkId === null)!;
    expect(series.points.map((p) => p.day)).toEqual([today, tomorrow].map((d) => d.toISOString().slice(0, 10)));
  });

  it('reads the trend of the last 90 days only', async () => {
    const { ctx, payments } = await setup();
    for (const ago of [0, 89, 90, 200]) {
      await sql.query(
        `INSERT INTO "ReadinessDaily" (id, "orgId", "systemId", "frameworkId", day, implemented, applicable)
         VALUES (gen_random_uuid(), $1, $2, NULL, $3::date, 1, 10)`,
        [ctx.orgId, payments.id, daysAgo(ago)],
      );
    }
    expect((await readinessHistory(ctx)).map((r) => r.day)).toEqual([daysAgo(89), daysAgo(0)]);
  });

  it('refuses a second row for the same system, no framework and day, at the database', async () => {
    const { ctx, payments } = await setup();
    const insert = () =>
      sql.query(
        `INSERT INTO "ReadinessDaily" (id, "orgId", "systemId", "frameworkId", day, implemented, applicable)
         VALUES (gen_random_uuid(), $1, $2, NULL, CURRENT_DATE, 1, 10)`,
        [ctx.orgId, payments.id],
      );
    await insert();
    await expect(insert()).rejects.toThrow(/unique/);
  });

  it('is scoped to the organization: nothing of another organization’s systems, figures or trend', async () => {
    const mine = await setup();
    const theirs = await setup();
    await recordDailyReadiness(new Date());
    const overview = await getOverview(mine.ctx);
    const theirIds = [theirs.payments.id, theirs.portal.id];
    expect(overview.systems.map((s) => s.id)).toEqual([mine.payments.id, mine.portal.id]);
    expect(overview.trend!.every((s) => !theirIds.includes(s.systemId))).toBe(true);
    expect(overview.trend!.flatMap((s) => s.points)).toHaveLength(4);
    expect(overview.systems.flatMap((s) => s.frameworks.map((f) => f.id))).toEqual([mine.soc2.id, mine.soc2.id]);
    expect((await readinessHistory(mine.ctx)).every((r) => !theirIds.includes(r.systemId))).toBe(true);
    expect(overview.reviewQueue.total).toBe(1);
  });

  it('hides the recorded trend from an auditor limited to an audit period', async () => {
    const { ctx } = await setup();
    await recordDailyReadiness(new Date());
    const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
    const limited = { ...auditor, auditPeriod: { start: new Date(daysAgo(30)), end: new Date(daysAgo(0)) } };
    expect((await getOverview(limited)).trend).toBeNull();
    expect((await getOverview(auditor)).trend).not.toBeNull();
  });
});
