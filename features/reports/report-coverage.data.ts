import 'server-only';
import type { z } from 'zod';
import { isUniqueViolation, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { staleVersionError } from '@/lib/concurrency';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { audited } from '@/features/audit/audit.data';
import { assertCoverable, day, duplicateReportError, insertReport, loadCurrentReport } from './reports.data';
import type { changeCoverageSchema, supersedeProviderReportSchema } from './reports.schema';

const coveredBy = async (tx: Tx, ctx: OrgContext, evidenceId: string) =>
  (await tx.evidenceControl.findMany({ where: { evidenceId, orgId: ctx.orgId }, select: { controlId: true } })).map((l) => l.controlId);

/**
 * Starts and stops covering controls with one current report (the `EvidenceControl` links of
 * its evidence). Only what actually changes is written and audited: a control already covered
 * is not added again, one not covered is not removed.
 */
export async function changeCoverage(ctx: OrgContext, input: z.output<typeof changeCoverageSchema>) {
  assertCan(ctx, 'reports.manage');
  return audited(ctx, async (tx, record) => {
    const report = await loadCurrentReport(tx, ctx, input.reportId, 'it covers nothing, so its coverage cannot change.');
    const covered = new Set(await coveredBy(tx, ctx, report.evidenceId));
    const added = [...new Set(input.add)].filter((id) => !covered.has(id));
    const removed = [...new Set(input.remove)].filter((id) => covered.has(id));
    await assertCoverable(tx, ctx, added);
    if (added.length > 0) {
      await tx.evidenceControl.createMany({
        data: added.map((controlId) => ({ evidenceId: report.evidenceId, controlId, orgId: ctx.orgId })),
      });
    }
    if (removed.length > 0) {
      await tx.evidenceControl.deleteMany({ where: { evidenceId: report.evidenceId, orgId: ctx.orgId, controlId: { in: removed } } });
    }
    record({
      action: 'report.coverage_changed',
      entityType: 'ProviderReport',
      entityId: report.id,
      before: { controlCount: covered.size },
      after: { added, removed, controlCount: covered.size + added.length - removed.length },
    });
    return { added, removed };
  });
}

/**
 * Records a newer report or a bridge letter in place of a current one, in one transaction: the
 * new one is created, its coverage is the old one's (or the adjusted list given), the old one's
 * links are removed and it is marked superseded. The old one stays as history; it cannot be
 * superseded twice or edited. The save carries the old report's version, so a report changed
 * or superseded meanwhile is refused.
 */
export async function supersedeProviderReport(ctx: OrgContext, input: z.output<typeof supersedeProviderReportSchema>) {
  assertCan(ctx, 'reports.manage');
  const { supersedesId, supersedesVersion, controlIds: chosen, ...fields } = input;
  try {
    return await audited(ctx, async (tx, record) => {
      const old = await loadCurrentReport(tx, ctx, supersedesId, 'it cannot be superseded again.');
      if (old.version !== supersedesVersion) throw staleVersionError('report');
      if (day(fields.periodEnd) < old.periodEnd) {
        const ends = old.periodEnd.toISOString().slice(0, 10);
        throw new AppError('VALIDATION', 'Some fields need attention.', {
          periodEnd: [`The report it replaces runs until ${ends}; a newer report or bridge letter ends on or after that day.`],
        });
      }
      const moving = await coveredBy(tx, ctx, old.evidenceId);
      const controlIds = chosen ? [...new Set(chosen)] : moving;
      // Controls carried over from the old report are already this organization's; new ones are checked.
      await assertCoverable(
        tx,
        ctx,
        controlIds.filter((id) => !moving.includes(id)),
      );
      const report = await insertReport(tx, ctx, { ...fields, controlIds }, controlIds);
      await tx.evidenceControl.deleteMany({ where: { evidenceId: old.evidenceId, orgId: ctx.orgId } });
      const supersededAt = new Date();
      const { count } = await tx.providerReport.updateMany({
        where: { id: old.id, orgId: ctx.orgId, version: supersedesVersion, supersededById: null },
        data: { supersededById: report.id, supersededAt, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersionError('report');
      record({
        action: 'report.recorded',
        entityType: 'ProviderReport',
        entityId: report.id,
        after: { ...report, controlIds, supersedes: old.id },
      });
      record({
        action: 'report.superseded',
        entityType: 'ProviderReport',
        entityId: old.id,
        before: { supersededById: null, controlIds: moving },
        after: { supersededById: report.id, supersededAt, controlIds: [] },
      });
      return { reportId: report.id, evidenceId: report.evidenceId, supersededId: old.id, covered: controlIds.length };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw duplicateReportError();
  }
}
