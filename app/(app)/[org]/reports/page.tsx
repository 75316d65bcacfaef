import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { ReportForm } from '@/features/reports/components/report-form';
import { ReportList } from '@/features/reports/components/report-list';
import { listCoverableControls, listReportHistory } from '@/features/reports/reports.data';
import { pageOrgContext } from '@/lib/auth/context';
import { freshnessConfig } from '@/lib/config';
import { can } from '@/lib/auth/permissions';

export const metadata = { title: 'AWS Artifact reports' };

export default async function ReportsPage({ params }: PageProps<'/[org]/reports'>) {
  const ctx = await pageOrgContext((await params).org);
  const canManage = can(ctx.role, 'reports.manage');
  const [reports, coverable] = await Promise.all([listReportHistory(ctx), canManage ? listCoverableControls(ctx) : null]);
  return (
    <>
      <PageHeader
        title="AWS Artifact reports"
        description="AWS's own audit reports are the evidence for inherited controls and for the AWS half of shared controls. Record each report once; it covers its controls until its period runs out, and a newer report or a bridge letter takes over its coverage."
      />
      <ReportList
        orgSlug={ctx.orgSlug}
        reports={reports}
        coverable={coverable}
        canReview={can(ctx.role, 'evidence.review')}
        graceDays={freshnessConfig().reportGraceDays}
      />
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-4 text-lg font-semibold">Record a report</h2>
        {coverable ? (
          <ReportForm orgSlug={ctx.orgSlug} coverable={coverable} />
        ) : (
          <Alert>Only owners and admins can record AWS Artifact reports.</Alert>
        )}
      </section>
    </>
  );
}
