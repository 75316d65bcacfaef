import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { listAuditEvents, verifyOrgAuditChain } from '../audit.data';
import { Table } from '@/components/ui/table';

type Events = Awaited<ReturnType<typeof listAuditEvents>>;
type Verification = Awaited<ReturnType<typeof verifyOrgAuditChain>>;

export function AuditChainStatus({ orgSlug, verification }: { orgSlug: string; verification: Verification | null }) {
  if (!verification) {
    return (
      <Alert>
        Each event stores the SHA-256 of the previous event&apos;s hash and its own content, so a changed or deleted event breaks the chain.{' '}
        <Link href={`/${orgSlug}/audit?verify=1`} className="font-medium text-brand-600 hover:underline">
          Verify the chain now
        </Link>
      </Alert>
    );
  }
  const { checked, firstBreak } = verification;
  return firstBreak ? (
    <Alert tone="error">
      The audit chain is broken at event #{firstBreak.seq}: {firstBreak.reason}. {checked.toLocaleString('en')} events before it verified.
    </Alert>
  ) : (
    <Alert tone="success">All {checked.toLocaleString('en')} events verified: the chain is intact.</Alert>
  );
}

export function AuditLogTable({ orgSlug, data }: { orgSlug: string; data: Events }) {
  if (data.total === 0) return <Alert>No events yet.</Alert>;
  return (
    <>
      <Table caption="Audit events, newest first" columns={['#', 'Time (UTC)', 'Actor', 'Action', 'Entity', 'Change']}>
        {data.events.map((e) => (
          <tr key={e.id}>
            <td className="px-4 py-2 tabular-nums text-slate-500">{e.seq}</td>
            <td className="whitespace-nowrap px-4 py-2 tabular-nums">{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
            <td className="px-4 py-2">{e.actorEmail ?? '—'}</td>
            <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
            <td className="px-4 py-2 text-xs">
              {e.entityType}
              {e.entityId && <span className="block font-mono text-slate-500">{e.entityId}</span>}
            </td>
            <td className="px-4 py-2">
              {(e.before !== null || e.after !== null) && (
                <details>
                  <summary className="cursor-pointer text-brand-600">Details</summary>
                  <div className="mt-2 grid gap-2 text-xs">
                    {e.before !== null && (
                      <pre className="max-w-md overflow-x-auto rounded bg-slate-50 p-2">before: {JSON.stringify(e.before, null, 2)}</pre>
                    )}
                    {e.after !== null && (
                      <pre className="max-w-md overflow-x-auto rounded bg-slate-50 p-2">after: {JSON.stringify(e.after, null, 2)}</pre>
                    )}
                    <p className="font-mono text-slate-500">hash {e.hash.slice(0, 16)}…</p>
                  </div>
                </details>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        <span className="text-slate-600">
          Events {data.events[0]!.seq.toLocaleString('en')} to {data.events.at(-1)!.seq.toLocaleString('en')} ·{' '}
          {data.total.toLocaleString('en')} in all
        </span>
        <span className="flex gap-3">
          {data.newer !== null ? (
            <Link className="text-brand-600 hover:underline" href={`/${orgSlug}/audit?after=${data.newer}`}>
              Newer
            </Link>
          ) : (
            <span className="text-slate-400">Newer</span>
          )}
          {data.older !== null ? (
            <Link className="text-brand-600 hover:underline" href={`/${orgSlug}/audit?before=${data.older}`}>
              Older
            </Link>
          ) : (
            <span className="text-slate-400">Older</span>
          )}
        </span>
      </nav>
    </>
  );
}
