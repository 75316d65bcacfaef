import 'server-only';
import type { z } from 'zod';
import { isUniqueViolation, prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { freshnessConfig } from '@/lib/config';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { freshnessOn, reportValidUntil } from '@/features/evidence/evidence.policy';
import type { coverControlsSchema, createProviderReportSchema } from './reports.schema';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Records a provider report reference as evidence of kind PROVIDER_REPORT. It is AWS's own
 * attestation, recorded by an owner or admin, so it counts without a separate review.
 */
export async function createProviderReport(ctx: OrgContext, input: z.output<typeof createProviderReportSchema>) {
  assertCan(ctx, 'reports.manage');
  try {
    return await audited(ctx, async (tx, record) => {
      const controlIds = [...new Set(input.controlIds)];
      const found = await tx.control.count({ where: { id: { in: controlIds }, orgId: ctx.orgId, archivedAt: null } });
      if (found !== controlIds.length) throw new AppError('NOT_FOUND', 'Some of these controls no longer exist or are archived.');
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
      const report = await tx.providerReport.create({
        data: {
          orgId: ctx.orgId,
          evidenceId: evidence.id,
          title: input.title,
          artifactReportId: input.artifactReportId,
          reportVersion: input.reportVersion,
          series: input.series,
          category: input.category,
          periodStart: day(input.periodStart),
          periodEnd: day(input.periodEnd),
          retrievedById: ctx.userId,
          retrievedAt: day(input.retrievedAt),
          termsAcceptedAt: day(input.termsAcceptedAt),
        },
      });
      record({ action: 'report.recorded', entityType: 'ProviderReport', entityId: report.id, after: { ...report, controlIds } });
      return { evidenceId: evidence.id, reportId: report.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'This report is already recorded.', {
      artifactReportId: ['This report id and version are already recorded.'],
    });
  }
}

/** Marks more controls as covered by a report (links that exist are left alone). */
export async function coverControls(ctx: OrgContext, input: z.output<typeof coverControlsSchema>) {
  assertCan(ctx, 'reports.manage');
  return audited(ctx, async (tx, record) => {
    const report = await tx.providerReport.findFirst({ where: { evidenceId: input.evidenceId, orgId: ctx.orgId }, select: { id: true } });
    if (!report) throw new AppError('NOT_FOUND', 'This report does not exist.');
    const controlIds = [...new Set(input.controlIds)];
    const found = await tx.control.count({ where: { id: { in: controlIds }, orgId: ctx.orgId, archivedAt: null } });
    if (found !== controlIds.length) throw new AppError('NOT_FOUND', 'Some of these controls no longer exist or are archived.');
    const { count } = await tx.evidenceControl.createMany({
      data: controlIds.map((controlId) => ({ evidenceId: input.evidenceId, controlId, orgId: ctx.orgId })),
      skipDuplicates: true,
    });
    record({ action: 'report.covered_controls', entityType: 'ProviderReport', entityId: report.id, after: { added: count, controlIds } });
    return { added: count };
  });
}

/** Every recorded report with its validity window (period end plus the grace) as of today. */
export async function listProviderReports(ctx: OrgContext, today = new Date()) {
  const config = freshnessConfig();
  const reports = await prisma.providerReport.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ periodEnd: 'desc' }, { title: 'asc' }],
    include: { evidence: { select: { _count: { select: { controls: true } } } } },
  });
  return reports.map(({ evidence, ...report }) => {
    const validUntil = reportValidUntil(report.periodEnd, config);
    return { ...report, validUntil, state: freshnessOn(validUntil, today, config), coveredControls: evidence._count.controls };
  });
}

/**
 * Controls a provider report can cover: those with an AWS half somewhere (inherited or shared
 * by default, or on some service), with the reports already covering each.
 */
export async function listCoverableControls(ctx: OrgContext) {
  const controls = await prisma.control.findMany({
    where: {
      orgId: ctx.orgId,
      archivedAt: null,
      OR: [{ defaultType: { in: ['INHERITED', 'SHARED'] } }, { serviceLines: { some: { type: { in: ['INHERITED', 'SHARED'] } } } }],
    },
    select: {
      id: true,
      code: true,
      title: true,
      defaultType: true,
      evidence: { where: { evidence: { kind: 'PROVIDER_REPORT' } }, select: { evidenceId: true } },
    },
    orderBy: { code: 'asc' },
  });
  return controls.map(({ evidence, ...c }) => ({ ...c, coveredBy: evidence.map((e) => e.evidenceId) }));
}
