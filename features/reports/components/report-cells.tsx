import Link from 'next/link';
import { FreshnessBadge } from '@/features/evidence/components/freshness-badge';
import type { ReportRow } from '../reports.data';
import { DOCUMENT_TYPE_LABELS } from '../reports.schema';

export const utcDate = (d: Date) => d.toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const cell = 'px-4 py-3';

/** The cells every report row has, current or superseded: what it is, its period, and how much it covers. */
export function ReportCells({ report }: { report: ReportRow }) {
  const details = [report.reportVersion && `Version ${report.reportVersion}`, report.series, report.category].filter(Boolean).join(' · ');
  return (
    <>
      <td className={cell}>
        <p className="font-medium">{report.title}</p>
        <p className="whitespace-nowrap font-mono text-xs text-slate-600">{report.artifactReportId}</p>
        {details && <p className="text-xs text-slate-500">{details}</p>}
      </td>
      <td className={`${cell} whitespace-nowrap`}>{DOCUMENT_TYPE_LABELS[report.documentType]}</td>
      <td className={`${cell} whitespace-nowrap tabular-nums`}>
        {utcDate(report.periodStart)} – {utcDate(report.periodEnd)}
      </td>
      <td className={`${cell} whitespace-nowrap tabular-nums`}>
        {utcDate(report.retrievedAt)}
        <span className="block text-xs text-slate-500">terms {utcDate(report.termsAcceptedAt)}</span>
      </td>
      <td className={`${cell} whitespace-nowrap tabular-nums`}>{plural(report.covered.length, 'control')}</td>
    </>
  );
}

/**
 * How long a current report covers its controls, and whether it counts at all: a report with a
 * new version under review is not counted until a reviewer accepts it.
 */
export function ValidityCell({ orgSlug, report }: { orgSlug: string; report: ReportRow }) {
  const evidence = `/${orgSlug}/evidence/${report.evidenceId}`;
  return (
    <td className={`${cell} min-w-56`}>
      <p className="whitespace-nowrap tabular-nums">Covers until {utcDate(report.validUntil)}</p>
      <p className="mt-1">
        <FreshnessBadge state={report.state} />
      </p>
      {report.review.state !== 'ACCEPTED' && (
        <p className="mt-2 text-xs text-amber-900">
          {report.review.state === 'REJECTED' ? (
            <>
              Not counted: a reviewer rejected the new version{report.review.reason && <> (“{report.review.reason}”)</>}. Add a corrected
              copy on{' '}
              <Link href={evidence} className="underline">
                its evidence page
              </Link>
              .
            </>
          ) : (
            <>
              Not counted until a reviewer accepts the new version.{' '}
              <Link href={evidence} className="underline">
                See the new version
              </Link>
            </>
          )}
        </p>
      )}
    </td>
  );
}

/** Where a superseded report went: "Superseded by SOC 2 bridge letter (report-…) on 2026-05-02". */
export function SupersededCell({ report }: { report: ReportRow }) {
  const by = report.supersededBy!;
  return (
    <td className={`${cell} min-w-56`}>
      Superseded by {by.title} <span className="font-mono text-xs">({by.artifactReportId})</span> on{' '}
      <span className="whitespace-nowrap tabular-nums">{utcDate(report.supersededAt!)}</span>
      <span className="block text-xs text-slate-500">Its coverage moved to the {DOCUMENT_TYPE_LABELS[by.documentType].toLowerCase()}.</span>
    </td>
  );
}
