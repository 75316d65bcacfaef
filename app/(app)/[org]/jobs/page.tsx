import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { JobList } from '@/features/jobs/components/job-list';
import { pageOrgContext } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { listJobRuns } from '@/lib/jobs/job-runs.data';
import { JOBS } from '@/lib/jobs/registry';
import { mailEnabled } from '@/lib/mail';

export const metadata = { title: 'Jobs' };

export default async function JobsPage({ params }: PageProps<'/[org]/jobs'>) {
  const ctx = await pageOrgContext((await params).org);
  const description =
    'Background jobs send reminders, digests and e-mails on a schedule. Runs over every organization show counts only; a run started here touches this organization only.';
  if (!can(ctx.role, 'jobs.manage')) {
    return (
      <>
        <PageHeader title="Jobs" description={description} />
        <Alert>Only owners and admins can see and run background jobs.</Alert>
      </>
    );
  }
  const runs = await listJobRuns(ctx);
  return (
    <>
      <PageHeader title="Jobs" description={description} />
      <div className="mb-6">
        {mailEnabled() ? (
          <Alert tone="success">E-mail is on: notifications are also sent by e-mail, as each member chose.</Alert>
        ) : (
          <Alert>E-mail is off (no SMTP_URL is configured): notifications stay in the app, under the bell.</Alert>
        )}
      </div>
      <JobList
        orgSlug={ctx.orgSlug}
        jobs={JOBS.map(({ name, schedule, description: what, perOrg }) => ({ name, schedule, description: what, perOrg }))}
        runs={runs}
      />
    </>
  );
}
