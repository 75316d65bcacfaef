import { Table } from '@/components/ui/table';
import type { JobDefinition } from '@/lib/jobs/registry';
import { RunJobButton } from './run-job-button';

export type JobRunRow = {
  id: string;
  name: string;
  orgId: string | null;
  trigger: string;
  attempt: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: Date;
  finishedAt: Date | null;
  counts: unknown;
  error: string | null;
};

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '—');
const STATUS_LABELS = { RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed' } as const;

function countsText(counts: unknown): string {
  if (!counts || typeof counts !== 'object') return '—';
  const entries = Object.entries(counts as Record<string, unknown>).filter(([, v]) => typeof v === 'number');
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : '—';
}

/** The schedule (what runs when) with "Run now", and the latest runs. */
export function JobList({
  orgSlug,
  jobs,
  runs,
}: {
  orgSlug: string;
  jobs: Pick<JobDefinition, 'name' | 'schedule' | 'description' | 'perOrg'>[];
  runs: JobRunRow[];
}) {
  return (
    <>
      <Table caption="Scheduled jobs" columns={['Job', 'When', 'What it does', '']}>
        {jobs.map((job) => (
          <tr key={job.name}>
            <td className="px-4 py-3 font-mono text-sm">{job.name}</td>
            <td className="whitespace-nowrap px-4 py-3 text-sm">{job.schedule}</td>
            <td className="px-4 py-3 text-sm text-slate-700">{job.description}</td>
            <td className="px-4 py-3 text-right">
              {job.perOrg ? (
                <RunJobButton orgSlug={orgSlug} name={job.name} />
              ) : (
                <span className="text-xs text-slate-500">All organizations</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <h2 className="mb-2 mt-8 text-lg font-semibold">Recent runs</h2>
      {runs.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          No runs yet. Scheduled jobs run at the times above; “Run now” runs one for this organization at once.
        </p>
      ) : (
        <Table caption="Recent job runs" columns={['Job', 'Started', 'Finished', 'Scope', 'Result', 'What it did']}>
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="px-4 py-3 font-mono text-sm">{run.name}</td>
              <td className="whitespace-nowrap px-4 py-3 text-sm tabular-nums">{when(run.startedAt)}</td>
              <td className="whitespace-nowrap px-4 py-3 text-sm tabular-nums">{when(run.finishedAt)}</td>
              <td className="px-4 py-3 text-sm">
                {run.orgId ? 'This organization (run now)' : 'Scheduled, all organizations'}
                {run.attempt > 1 ? ` · attempt ${run.attempt}` : ''}
              </td>
              <td className="px-4 py-3 text-sm">
                {STATUS_LABELS[run.status]}
                {run.error && <span className="block text-xs text-red-700">{run.error}</span>}
              </td>
              <td className="px-4 py-3 text-sm text-slate-700">{countsText(run.counts)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
