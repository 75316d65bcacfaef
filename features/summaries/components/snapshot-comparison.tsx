import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import type { compareSnapshots } from '../summaries.data';
import { Table } from '@/components/ui/table';

const time = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export function SnapshotComparison({
  orgSlug,
  systemId,
  comparison,
}: {
  orgSlug: string;
  systemId: string;
  comparison: Awaited<ReturnType<typeof compareSnapshots>>;
}) {
  const { before, after, changes, mixedFormats } = comparison;
  return (
    <>
      <PageHeader
        title="What changed"
        description={
          <>
            From the snapshot of {time(before.createdAt)} to the one of {time(after.createdAt)}.{' '}
            <Link href={`/${orgSlug}/systems/${systemId}/snapshots`} className="text-brand-600 hover:underline">
              All snapshots
            </Link>
          </>
        }
      />
      {mixedFormats && (
        <div className="mb-4">
          <Alert>One of these snapshots was frozen in an older format: only the figures and fields both record are compared.</Alert>
        </div>
      )}
      {changes.length === 0 ? (
        <Alert>Nothing changed between these snapshots.</Alert>
      ) : (
        <Table caption="What changed between the two snapshots" columns={['What', 'Before', 'After']}>
          {changes.map((c) => (
            <tr key={`${c.what}-${c.before}`}>
              <td className="px-4 py-2 font-medium">{c.what}</td>
              <td className="px-4 py-2">{c.before}</td>
              <td className="px-4 py-2">{c.after}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
