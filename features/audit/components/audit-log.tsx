import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { listAuditActors, listAuditEvents, verifyOrgAuditChain } from '../audit.data';
import { AUDIT_KIND_LABELS, AUDIT_KINDS } from '../audit.policy';
import { Table } from '@/components/ui/table';

type Events = Awaited<ReturnType<typeof listAuditEvents>>;
type Actors = Awaited<ReturnType<typeof listAuditActors>>;
type Verification = Awaited<ReturnType<typeof verifyOrgAuditChain>>;

/** The log's address with its filter and a cursor: filters stay in every page link. */
function auditHref(orgSlug: string, filter: Events['filter'], cursor: { before?: number; after?: number } = {}) {
  const query = new URLSearchParams();
  if (filter.kind !== 'all') query.set('kind', filter.kind);
  if (filter.actorId) query.set('actor', filter.actorId);
  if (cursor.before !== undefined) query.set('before', String(cursor.before));
  if (cursor.after !== undefined) query.set('after', String(cursor.after));
  const search = query.toString();
  return `/${orgSlug}/audit${search ? `?${search}` : ''}`;
}

/** A plain GET form: the URL is shareable and works without JavaScript. */
export function AuditFilterForm({ orgSlug, data, actors }: { orgSlug: string; data: Events; actors: Actors }) {
  const select = `${inputClass} w-auto`;
  const kinds = AUDIT_KINDS.filter((k) => k !== 'refusals' || data.canSeeRefusals);
  return (
    <form
      action={`/${orgSlug}/audit`}
      method="get"
      aria-label="Filter the audit log"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-kind" className="font-medium text-slate-700">
          Events
        </label>
        <select id="audit-kind" name="kind" defaultValue={data.filter.kind} className={select}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {AUDIT_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-actor" className="font-medium text-slate-700">
          By
        </label>
        <select id="audit-actor" name="actor" defaultValue={data.filter.actorId} className={`${select} max-w-72`}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {(data.filter.kind !== 'all' || data.filter.actorId) && (
        <Link href={`/${orgSlug}/audit`} className="py-2 text-brand-600 hover:underline">
          Show everything
        </Link>
      )}
    </form>
  );
}

export function AuditChainStatus({ orgSlug, verification }: { orgSlug: string; verification: Verification | null }) {
  if (!verification) {
    return (
      <Alert>
        Each event stores the SHA-256 of the previous event’s hash and its own content, so a changed or deleted event breaks the chain.{' '}
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
  if (data.total === 0) {
    return <Alert>{data.filter.kind === 'all' && !data.filter.actorId ? 'No events yet.' : 'No events match this filter.'}</Alert>;
  }
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
          {data.total.toLocaleString('en')} {data.filter.kind === 'all' && !data.filter.actorId ? 'in all' : 'match'}
        </span>
        <span className="flex gap-3">
          {data.newer !== null ? (
            <Link className="text-brand-600 hover:underline" href={auditHref(orgSlug, data.filter, { after: data.newer })}>
              Newer
            </Link>
          ) : (
            <span className="text-slate-400">Newer</span>
          )}
          {data.older !== null ? (
            <Link className="text-brand-600 hover:underline" href={auditHref(orgSlug, data.filter, { before: data.older })}>
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
