import Link from 'next/link';
import { Pagination } from '@/components/ui/pagination';
import { Table } from '@/components/ui/table';
import type { listFindingScans } from '../scans.data';
import { formatLabel, utc } from './scan-labels';

type Scans = Awaited<ReturnType<typeof listFindingScans>>;

/** The ingested files, newest first: what each held and where its findings went. */
export function ScanList({ orgSlug, scans }: { orgSlug: string; scans: Scans }) {
  if (scans.total === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        No findings uploaded yet. Upload a file above, or have a pipeline post one to the API.
      </p>
    );
  }
  return (
    <>
      <Table
        caption="Uploaded findings files, newest first"
        columns={['File', 'Format and tool', 'Scan time', 'Uploaded by', 'Findings', 'Mapped', 'Unmapped', 'Failed']}
      >
        {scans.rows.map((scan) => (
          <tr key={scan.id}>
            <td className="px-4 py-3">
              <Link href={`/${orgSlug}/findings/${scan.id}`} className="break-all font-medium text-brand-600 hover:underline">
                {scan.fileName}
              </Link>
            </td>
            <td className="px-4 py-3">
              {formatLabel(scan.format)}
              <span className="block text-xs text-slate-600">
                {scan.toolName}
                {scan.toolVersion ? ` ${scan.toolVersion}` : ''}
              </span>
            </td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">{utc(scan.scannedAt)}</td>
            <td className="px-4 py-3">
              {scan.actor}
              <span className="block text-xs text-slate-600">{utc(scan.createdAt)}</span>
            </td>
            <td className="px-4 py-3 tabular-nums">{scan.findings.toLocaleString('en')}</td>
            <td className="px-4 py-3 tabular-nums">{scan.mapped.toLocaleString('en')}</td>
            <td className="px-4 py-3 tabular-nums">
              {scan.unmapped > 0 ? (
                <Link href={`/${orgSlug}/findings/${scan.id}`} className="text-amber-800 hover:underline">
                  {scan.unmapped.toLocaleString('en')}
                </Link>
              ) : (
                0
              )}
            </td>
            <td className="px-4 py-3 tabular-nums">{scan.failed.toLocaleString('en')}</td>
          </tr>
        ))}
      </Table>
      <Pagination page={scans.page} pageSize={scans.pageSize} total={scans.total} href={(page) => `/${orgSlug}/findings?page=${page}`} />
    </>
  );
}
