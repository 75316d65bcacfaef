'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Table } from '@/components/ui/table';
import { ReviewPanel } from '@/features/evidence/components/review-panel';
import type { ReportHistory, ReportRow } from '../reports.data';
import type { CoverableControl } from './control-checklist';
import { CoverageForm } from './coverage-form';
import { EditReportForm } from './edit-report-form';
import { ReportCells, SupersededCell, ValidityCell } from './report-cells';
import { SupersedeForm } from './supersede-form';

type Panel = 'edit' | 'coverage' | 'supersede' | 'review';
const PANEL_LABELS: Record<Panel, string> = { edit: 'Edit', coverage: 'Coverage', supersede: 'Supersede', review: 'Review' };
const COLUMNS = ['Report', 'Type', 'Period (UTC)', 'Retrieved', 'Controls covered'];

function EmptyState({ canManage }: { canManage: boolean }) {
  return (
    <Alert>
      <p className="font-medium">No AWS Artifact reports recorded yet.</p>
      <p className="mt-1">
        AWS Artifact is AWS’s portal for its own audit reports, such as SOC 2 reports and ISO certificates, downloaded under its terms. They
        are the evidence for the controls AWS runs for you. Reports may not be redistributed, so Demarc stores a reference — the report’s
        metadata and period, who retrieved it and when — never a public link.
      </p>
      <p className="mt-1">{canManage ? 'Record the first one with the form below.' : 'An owner or admin records them.'}</p>
    </Alert>
  );
}

/**
 * The recorded AWS Artifact reports: the current ones, then the superseded ones as history.
 * `coverable` is given to those who may manage reports and adds Edit, Coverage and Supersede to
 * each current report; `canReview` adds Review to a report whose new version awaits review. One
 * panel opens at a time, below its row; what a saved panel did is said above the tables.
 */
export function ReportList({
  orgSlug,
  reports,
  coverable,
  canReview,
  graceDays,
}: {
  orgSlug: string;
  reports: ReportHistory;
  coverable: CoverableControl[] | null;
  canReview: boolean;
  graceDays: number;
}) {
  const [open, setOpen] = useState<{ reportId: string; panel: Panel } | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  if (reports.current.length === 0 && reports.superseded.length === 0) return <EmptyState canManage={coverable !== null} />;

  const panelsOf = (r: ReportRow): Panel[] => [
    ...(coverable ? (['edit', 'coverage', 'supersede'] as const) : []),
    ...(canReview && r.review.state === 'SUBMITTED' ? (['review'] as const) : []),
  ];
  const withActions = reports.current.some((r) => panelsOf(r).length > 0);
  const columns = [...COLUMNS, 'Validity', ...(withActions ? ['Actions'] : [])];
  const done = (text: string) => {
    setOpen(null);
    setFlash(text);
  };
  const close = () => setOpen(null);

  const panel = (r: ReportRow, which: Panel) => {
    if (which === 'review') {
      return (
        <section aria-label={`Review “${r.title}”`} className="space-y-3">
          <p className="text-sm text-slate-600">
            A new version of “{r.title}” was added. Accept it to count the report again, or reject it with a reason.{' '}
            <Link href={`/${orgSlug}/evidence/${r.evidenceId}`} className="text-brand-600 underline">
              See the new version
            </Link>
          </p>
          <ReviewPanel
            orgSlug={orgSlug}
            evidenceId={r.evidenceId}
            version={r.review.version}
            state={r.review.state}
            canSubmit={false}
            canReview
          />
        </section>
      );
    }
    if (!coverable) return null;
    const props = { orgSlug, report: r, onDone: done, onCancel: close };
    if (which === 'edit') return <EditReportForm key={`${r.id}-${r.version}`} {...props} />;
    if (which === 'coverage') return <CoverageForm {...props} coverable={coverable} />;
    return <SupersedeForm {...props} coverable={coverable} />;
  };

  return (
    <div className="space-y-6">
      {flash && <Alert tone="success">{flash}</Alert>}
      <section aria-labelledby="current-reports" className="space-y-3">
        <h2 id="current-reports" className="text-lg font-semibold">
          Current reports
        </h2>
        <p className="text-sm text-slate-600">
          Coverage lasts until the report period ends plus {graceDays} days, the bridge-letter window. When AWS issues a newer report or a
          bridge letter, record it with “Supersede” on the one it replaces: the coverage moves to it.
        </p>
        {reports.current.length === 0 ? (
          <Alert>No current report: every recorded report has been superseded. Record a new one with the form below.</Alert>
        ) : (
          <Table caption="Current AWS Artifact reports, latest period first" columns={columns}>
            {reports.current.map((r) => {
              const panels = panelsOf(r);
              const shown = open?.reportId === r.id && panels.includes(open.panel) ? open.panel : null;
              const panelId = `report-panel-${r.id}`;
              return [
                <tr key={r.id}>
                  <ReportCells report={r} />
                  <ValidityCell orgSlug={orgSlug} report={r} />
                  {withActions && (
                    <td className="px-4 py-3">
                      <div className="flex flex-col items-start gap-1">
                        {panels.map((p) => (
                          <Button
                            key={p}
                            variant="link"
                            aria-expanded={shown === p}
                            aria-controls={shown === p ? panelId : undefined}
                            onClick={() => setOpen(shown === p ? null : { reportId: r.id, panel: p })}
                          >
                            {PANEL_LABELS[p]}
                            <span className="sr-only"> “{r.title}”</span>
                          </Button>
                        ))}
                      </div>
                    </td>
                  )}
                </tr>,
                shown && (
                  <tr key={`${r.id}-panel`} className="bg-slate-50">
                    <td id={panelId} colSpan={columns.length} className="px-4 py-4">
                      {panel(r, shown)}
                    </td>
                  </tr>
                ),
              ];
            })}
          </Table>
        )}
      </section>
      <SupersededReports reports={reports.superseded} />
    </div>
  );
}

/** History: reports replaced by a newer report or a bridge letter. They cover nothing and cannot change. */
function SupersededReports({ reports }: { reports: ReportRow[] }) {
  return (
    <section aria-labelledby="superseded-reports" className="space-y-3">
      <h2 id="superseded-reports" className="text-lg font-semibold">
        Superseded reports
      </h2>
      {reports.length === 0 ? (
        <p className="text-sm text-slate-600">
          None yet. A report replaced by a newer one or a bridge letter is kept here, with what replaced it and when; it no longer covers
          any control.
        </p>
      ) : (
        <Table caption="Superseded AWS Artifact reports, most recently replaced first" columns={[...COLUMNS, 'Superseded']}>
          {reports.map((r) => (
            <tr key={r.id}>
              <ReportCells report={r} />
              <SupersededCell report={r} />
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
