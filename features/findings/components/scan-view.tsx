import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table } from '@/components/ui/table';
import type { listUnmappedFindings } from '../scans.data';
import { FINDING_STATUS_LABELS, formatLabel, utc } from './scan-labels';

type Unmapped = Awaited<ReturnType<typeof listUnmappedFindings>>;

/** One scan: its figures, then the findings that reached no control or no system, with why. */
export function ScanView({ orgSlug, unmapped }: { orgSlug: string; unmapped: Unmapped }) {
  const { scan } = unmapped;
  const figures: [string, number][] = [
    ['Findings', scan.findings],
    ['Passed', scan.passed],
    ['Failed', scan.failed],
    ['Not applicable', scan.notApplicable],
    ['Suppressed by the tool', scan.suppressed],
    ['Mapped', scan.mapped],
    ['Unmapped', scan.unmapped],
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/findings`} className="text-brand-600 hover:underline">
          Findings
        </Link>
      </nav>
      <PageHeader
        title={scan.fileName}
        description={`${formatLabel(scan.format)} from ${scan.toolName}${scan.toolVersion ? ` ${scan.toolVersion}` : ''}, scanned ${utc(scan.scannedAt)}; uploaded by ${scan.actor} on ${utc(scan.createdAt)}.`}
      />
      <dl className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value.toLocaleString('en')}</dd>
          </div>
        ))}
      </dl>
      <h2 className="text-lg font-semibold">Unmapped findings</h2>
      <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
        These findings reached no control or no system, so they count nowhere yet. When no control maps the check, add a{' '}
        <Link href={`/${orgSlug}/check-mappings`} className="text-brand-600 hover:underline">
          check → control mapping
        </Link>
        ; when no system runs in the account, add the account (and Region) on the system’s Edit page under{' '}
        <Link href={`/${orgSlug}/systems`} className="text-brand-600 hover:underline">
          Systems
        </Link>
        . Upload a later scan for the change to take effect.
      </p>
      {unmapped.total === 0 ? (
        <Alert>Every finding of this scan reached a control of a system.</Alert>
      ) : (
        <>
          <Table caption="Unmapped findings of this scan" columns={['Reason', 'Check', 'Status', 'Resource', 'Account and Region']}>
            {unmapped.rows.map((f) => (
              <tr key={f.id}>
                <td className="px-4 py-3">{f.reason}</td>
                <td className="px-4 py-3">
                  <span className="font-mono text-xs">{f.checkId}</span>
                  <span className="block text-xs text-slate-600">{f.title}</span>
                </td>
                <td className="px-4 py-3">
                  {FINDING_STATUS_LABELS[f.status] ?? f.status}
                  {f.suppressed && <span className="block text-xs text-slate-600">suppressed by the tool</span>}
                </td>
                <td className="break-all px-4 py-3 font-mono text-xs">{f.resource ?? '—'}</td>
                <td className="whitespace-nowrap px-4 py-3">
                  {f.accountId ?? 'no account'}
                  <span className="block text-xs text-slate-600">{f.region ?? 'no Region'}</span>
                </td>
              </tr>
            ))}
          </Table>
          <Pagination
            page={unmapped.page}
            pageSize={unmapped.pageSize}
            total={unmapped.total}
            href={(page) => `/${orgSlug}/findings/${scan.id}?page=${page}`}
          />
        </>
      )}
    </>
  );
}
