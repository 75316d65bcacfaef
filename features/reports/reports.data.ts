import 'server-only';
import type { z } from 'zod';
import { assertUuid, isUniqueViolation, prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { freshnessConfig } from '@/lib/config';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { freshnessOn, reportValidUntil } from '@/features/evidence/evidence.policy';
import type { NewProviderReport, updateProviderReportSchema } from './reports.schema';

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The columns an edit may change, and what its audit event shows before and after. */
const describedSelect = {
  title: true,
  reportVersion: true,
  series: true,
  category: true,
  documentType: true,
  periodStart: true,
  periodEnd: true,
  fedrampPackageId: true,
  fedrampAuthorizationType: true,
  fedrampImpactLevel: true,
  fedrampAuthorizedAt: true,
  version: true,
} as const;

/** The refusal for a report id and version recorded twice (a unique constraint), on the fields that make it. */
export function duplicateReportError(): AppError {
  return new AppError('CONFLICT', 'This report is already recorded.', {
    artifactReportId: ['This report id and version are already recorded.'],
    reportVersion: ['This report id and version are already recorded.'],
  });
}

/** Controls a report may start covering: active ones of this organization. */
export async function assertCoverable(tx: Tx, ctx: OrgContext, controlIds: string[]) {
  if (controlIds.length === 0) return;
  const found = await tx.control.count({ where: { id: { in: controlIds }, orgId: ctx.orgId, archivedAt: null } });
  if (found !== controlIds.length) throw new AppError('NOT_FOUND', 'Some of these controls no longer exist or are archived.');
}

/**
 * A report of this organization that may still change: a superseded one is history (it covers
 * nothing and keeps what it said when it was replaced).
 */
export async function loadCurrentReport(tx: Tx, ctx: OrgContext, reportId: string, refusal: string) {
  assertUuid(reportId, 'report');
  const report = await tx.providerReport.findFirst({
    where: { id: reportId, orgId: ctx.orgId },
    select: {
      id: true,
      evidenceId: true,
      title: true,
      periodEnd: true,
      version: true,
      supersededAt: true,
      supersededBy: { select: { title: true, artifactReportId: true } },
    },
  });
  if (!report) throw new AppError('NOT_FOUND', 'This report does not exist.');
  if (report.supersededBy) {
    const by = `“${report.supersededBy.title}” (${report.supersededBy.artifactReportId})`;
    throw new AppError('CONFLICT', `This report was superseded by ${by} on ${isoDay(report.supersededAt!)}; ${refusal}`);
  }
  return report;
}

/**
 * Writes a provider report as evidence of kind PROVIDER_REPORT with its coverage links, inside
 * the caller's transaction. It is AWS's own attestation, recorded by an owner or admin, so it
 * counts without a separate review. The caller checks the controls and records the audit event.
 */
export async function insertReport(tx: Tx, ctx: OrgContext, input: NewProviderReport, controlIds: string[]) {
  const evidence = await tx.evidence.create({
    data: {
      orgId: ctx.orgId,
      kind: 'PROVIDER_REPORT',
      title: `AWS ${input.title}`,
      reviewState: 'ACCEPTED',
      reviewedById: ctx.userId,
      reviewedAt: new Date(),
      reviewReason: 'Provider attestation recorded by an owner or admin.',
      createdById: ctx.userId,
    },
    select: { id: true },
  });
  await tx.evidenceControl.createMany({
    data: controlIds.map((controlId) => ({ evidenceId: evidence.id, controlId, orgId: ctx.orgId })),
  });
  return tx.providerReport.create({
    data: {
      orgId: ctx.orgId,
      evidenceId: evidence.id,
      title: input.title,
      artifactReportId: input.artifactReportId,
      reportVersion: input.reportVersion,
      series: input.series,
      category: input.category,
      documentType: input.documentType ?? 'REPORT',
      periodStart: day(input.periodStart),
      periodEnd: day(input.periodEnd),
      retrievedById: ctx.userId,
      retrievedAt: day(input.retrievedAt),
      termsAcceptedAt: day(input.termsAcceptedAt),
    },
  });
}

/** Records a provider report reference and the controls it covers. */
export async function createProviderReport(ctx: OrgContext, input: NewProviderReport) {
  assertCan(ctx, 'reports.manage');
  try {
    return await audited(ctx, async (tx, record) => {
      const controlIds = [...new Set(input.controlIds)];
      await assertCoverable(tx, ctx, controlIds);
      const report = await insertReport(tx, ctx, input, controlIds);
      record({ action: 'report.recorded', entityType: 'ProviderReport', entityId: report.id, after: { ...report, controlIds } });
      return { evidenceId: report.evidenceId, reportId: report.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw duplicateReportError();
  }
}

/**
 * Corrects a report's title, version, series, category, document type or period. The save
 * carries the version the form was loaded with; over a newer save it is refused.
 */
type ReportUpdate = z.output<typeof updateProviderReportSchema>;
type FedrampKeys = 'fedrampPackageId' | 'fedrampAuthorizationType' | 'fedrampImpactLevel' | 'fedrampAuthorizedAt';

/** The FedRAMP fields are optional here: the edit form always sends them; a caller that leaves them out leaves them as they are. */
export async function updateProviderReport(
  ctx: OrgContext,
  input: Omit<ReportUpdate, FedrampKeys> & Partial<Pick<ReportUpdate, FedrampKeys>>,
) {
  assertCan(ctx, 'reports.manage');
  const { reportId, version, periodStart, periodEnd, fedrampAuthorizedAt, ...fields } = input;
  try {
    return await audited(ctx, async (tx, record) => {
      const report = await loadCurrentReport(tx, ctx, reportId, 'it can no longer be edited.');
      const before = await tx.providerReport.findFirstOrThrow({ where: { id: report.id, orgId: ctx.orgId }, select: describedSelect });
      const { count } = await tx.providerReport.updateMany({
        where: { id: report.id, orgId: ctx.orgId, version },
        data: {
          ...fields,
          periodStart: day(periodStart),
          periodEnd: day(periodEnd),
          ...(fedrampAuthorizedAt !== undefined ? { fedrampAuthorizedAt: fedrampAuthorizedAt ? day(fedrampAuthorizedAt) : null } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw staleVersionError('report');
      await tx.evidence.updateMany({ where: { id: report.evidenceId, orgId: ctx.orgId }, data: { title: `AWS ${fields.title}` } });
      const after = await tx.providerReport.findFirstOrThrow({ where: { id: report.id, orgId: ctx.orgId }, select: describedSelect });
      record({ action: 'report.updated', entityType: 'ProviderReport', entityId: report.id, before, after });
      return { reportId: report.id, version: after.version };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'Another report with this AWS Artifact report id has this version.', {
      reportVersion: ['Another report with this AWS Artifact report id has this version.'],
    });
  }
}

/**
 * The reports that count: recorded and not superseded, with their validity window (period end
 * plus the grace) as of today. Summaries and the SSP list these.
 */
/** The reports that count: AWS's, not superseded, accepted (a report sent back to review does not). */
export const currentAwsReports = (orgId: string) =>
  ({ orgId, provider: 'AWS', supersededById: null, evidence: { reviewState: 'ACCEPTED' } }) as const;

export async function listProviderReports(ctx: OrgContext, today = new Date()) {
  const config = freshnessConfig();
  const reports = await prisma.providerReport.findMany({
    where: currentAwsReports(ctx.orgId),
    orderBy: [{ periodEnd: 'desc' }, { title: 'asc' }],
    include: { evidence: { select: { _count: { select: { controls: true } } } } },
  });
  return reports.map(({ evidence, ...report }) => {
    const validUntil = reportValidUntil(report.periodEnd, config);
    return { ...report, validUntil, state: freshnessOn(validUntil, today, config), coveredControls: evidence._count.controls };
  });
}

/**
 * Every recorded report for the reports page: current ones first (latest period first), then
 * the superseded ones (most recently replaced first) with what replaced them. Each with its
 * validity window, its review state (a report under review again does not count) and the
 * controls it covers.
 */
export async function listReportHistory(ctx: OrgContext, today = new Date()) {
  const config = freshnessConfig();
  const reports = await prisma.providerReport.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ periodEnd: 'desc' }, { title: 'asc' }],
    select: {
      id: true,
      evidenceId: true,
      artifactReportId: true,
      retrievedAt: true,
      termsAcceptedAt: true,
      supersededAt: true,
      ...describedSelect,
      supersededBy: { select: { id: true, title: true, artifactReportId: true, documentType: true } },
      evidence: {
        select: {
          reviewState: true,
          reviewReason: true,
          version: true,
          controls: { select: { control: { select: { id: true, code: true, title: true, defaultType: true } } } },
        },
      },
    },
  });
  const rows = reports.map(({ evidence, ...report }) => {
    const validUntil = reportValidUntil(report.periodEnd, config);
    const covered = evidence.controls.map((c) => c.control).sort((a, b) => a.code.localeCompare(b.code));
    return {
      ...report,
      validUntil,
      state: freshnessOn(validUntil, today, config),
      review: { state: evidence.reviewState, reason: evidence.reviewReason, version: evidence.version },
      covered,
    };
  });
  const superseded = rows.filter((r) => r.supersededBy).sort((a, b) => b.supersededAt!.getTime() - a.supersededAt!.getTime());
  return { current: rows.filter((r) => !r.supersededBy), superseded };
}

export type ReportHistory = Awaited<ReturnType<typeof listReportHistory>>;
export type ReportRow = ReportHistory['current'][number];

/** Controls a provider report can cover: those with an AWS half somewhere (inherited or shared by default, or on some service). */
export async function listCoverableControls(ctx: OrgContext) {
  return prisma.control.findMany({
    where: {
      orgId: ctx.orgId,
      archivedAt: null,
      OR: [{ defaultType: { in: ['INHERITED', 'SHARED'] } }, { serviceLines: { some: { type: { in: ['INHERITED', 'SHARED'] } } } }],
    },
    select: { id: true, code: true, title: true, defaultType: true },
    orderBy: { code: 'asc' },
  });
}
