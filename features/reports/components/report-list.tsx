import { Alert } from '@/components/ui/alert';
import { FreshnessBadge } from '@/features/evidence/components/freshness-badge';
import type { listProviderReports } from '../reports.data';
import type { CoverableControl } from './control-checklist';
import { CoverControls } from './cover-controls';
import { Table } from '@/components/ui/table';

type Report = Awaited<ReturnType<typeof listProviderReports>>[number];

const utcDate = (d: Date) => d.toISOString().slice(0, 10);

function EmptyState({ canManage }: { canManage: boolean }) {
  return (
    <Alert>
      <p className="font-medium">No AWS Artifact reports recorded yet.</p>
      <p className="mt-1">
        AWS Artifact is AWS&apos;s portal for its own audit reports, such as SOC 2 reports and ISO certificates, downloaded under its terms.
        They are the evidence for the controls AWS runs for you. Reports may not be redistributed, so Demarc stores a reference — the
        report&apos;s metadata and period, who retrieved it and when — never a public link.
      </p>
      <p className="mt-1">{canManage ? 'Record the first one with the form below.' : 'An owner or admin records them.'}</p>
    </Alert>
  );
}

const COLUMNS = [
  'Title',
  'Artifact report id',
  'Version',
  'Series',
  'Category',
  'Period (UTC)',
  'Retrieved',
  'Terms accepted',
  'Controls covered',
  'Validity',
];

/**
 * The recorded AWS Artifact report references with their validity. `coverable` is given to
 * those who may manage reports, and adds "Cover more controls" to each row.
 */
export function ReportList({
  orgSlug,
  reports,
  coverable,
  graceDays,
}: {
  orgSlug: string;
  reports: Report[];
  coverable: CoverableControl[] | null;
  graceDays: number;
}) {
  if (reports.length === 0) return <EmptyState canManage={coverable !== null} />;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Coverage lasts until the report period ends plus {graceDays} days, the bridge-letter window.</p>
      <Table caption="AWS Artifact reports, latest period first" columns={[...COLUMNS]}>
        {reports.map((r) => (
          <tr key={r.id}>
            <td className="px-4 py-3 font-medium">{r.title}</td>
            <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{r.artifactReportId}</td>
            <td className="px-4 py-3">{r.reportVersion || '—'}</td>
            <td className="px-4 py-3">{r.series || '—'}</td>
            <td className="px-4 py-3">{r.category || '—'}</td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">
              {utcDate(r.periodStart)} – {utcDate(r.periodEnd)}
            </td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">{utcDate(r.retrievedAt)}</td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">{utcDate(r.termsAcceptedAt)}</td>
            <td className="px-4 py-3">
              <span className="whitespace-nowrap tabular-nums">
                {r.coveredControls} control{r.coveredControls === 1 ? '' : 's'}
              </span>
              {coverable && <CoverControls key={r.evidenceId} orgSlug={orgSlug} evidenceId={r.evidenceId} coverable={coverable} />}
            </td>
            <td className="whitespace-nowrap px-4 py-3">
              <p className="tabular-nums">Covers until {utcDate(r.validUntil)}</p>
              <p className="mt-1">
                <FreshnessBadge state={r.state} />
              </p>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
