import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { listSnapshots } from '../summaries.data';
import { Table } from '@/components/ui/table';

const time = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export function SnapshotList({
  orgSlug,
  systemId,
  snapshots,
}: {
  orgSlug: string;
  systemId: string;
  snapshots: Awaited<ReturnType<typeof listSnapshots>>;
}) {
  if (snapshots.length === 0) {
    return (
      <Alert>
        No snapshots yet. Open the{' '}
        <Link href={`/${orgSlug}/systems/${systemId}/summary`} className="font-medium text-brand-600 hover:underline">
          live summary
        </Link>{' '}
        and freeze it.
      </Alert>
    );
  }
  return (
    <form action={`/${orgSlug}/systems/${systemId}/snapshots/compare`} method="get" className="space-y-3">
      <Table caption="Snapshots, newest first" columns={['Before', 'After', 'Frozen', 'SHA-256', 'Sign-off']}>
        {snapshots.map((s, i) => (
          <tr key={s.id}>
            <td className="px-4 py-2">
              <input
                type="radio"
                name="before"
                value={s.id}
                defaultChecked={i === 1}
                aria-label={`Compare from the snapshot of ${time(s.createdAt)}`}
              />
            </td>
            <td className="px-4 py-2">
              <input
                type="radio"
                name="after"
                value={s.id}
                defaultChecked={i === 0}
                aria-label={`Compare to the snapshot of ${time(s.createdAt)}`}
              />
            </td>
            <td className="px-4 py-2">
              <Link href={`/${orgSlug}/systems/${systemId}/snapshots/${s.id}`} className="font-medium text-brand-600 hover:underline">
                {time(s.createdAt)}
              </Link>
              <span className="block text-xs text-slate-500">by {s.createdBy}</span>
            </td>
            <td className="px-4 py-2 font-mono text-xs">{s.sha256.slice(0, 16)}…</td>
            <td className="px-4 py-2">
              {s.signedAt ? `Signed by ${s.signedBy} on ${time(s.signedAt)}` : <span className="text-amber-700">Not signed</span>}
            </td>
          </tr>
        ))}
      </Table>
      {snapshots.length > 1 && (
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50">
          Show what changed
        </button>
      )}
    </form>
  );
}
