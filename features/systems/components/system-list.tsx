import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import type { SystemDto } from '../systems.data';

const primaryLink = 'rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700';

export function SystemList({
  orgSlug,
  systems,
  includeArchived,
  canEdit,
}: {
  orgSlug: string;
  systems: SystemDto[];
  includeArchived: boolean;
  canEdit: boolean;
}) {
  const base = `/${orgSlug}/systems`;
  return (
    <>
      <PageHeader
        title="Systems"
        description="The audited environments of this organization, the Regions their data lives in, and the AWS services they use."
        actions={
          canEdit && (
            <Link href={`${base}/new`} className={primaryLink}>
              New system
            </Link>
          )
        }
      />
      <div className="mb-3 flex justify-end text-sm">
        <Link href={includeArchived ? base : `${base}?archived=1`} className="text-brand-600 hover:underline">
          {includeArchived ? 'Hide archived systems' : 'Show archived systems'}
        </Link>
      </div>
      {systems.length === 0 ? (
        <EmptyState newHref={canEdit ? `${base}/new` : null} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{includeArchived ? 'Systems, archived ones included' : 'Active systems'}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Name
                </th>
                <th scope="col" className="px-4 py-2">
                  Description
                </th>
                <th scope="col" className="px-4 py-2">
                  Regions
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Services
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {systems.map((s) => (
                <tr key={s.id} className={s.archivedAt ? 'text-slate-500' : undefined}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`${base}/${s.id}`} className="text-brand-600 hover:underline">
                      {s.name}
                    </Link>
                    {s.archivedAt && (
                      <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal">
                        archived {s.archivedAt.toISOString().slice(0, 10)}
                      </span>
                    )}
                  </td>
                  <td className="max-w-md px-4 py-3">
                    <span className="line-clamp-2">{s.description || <span className="text-slate-400">—</span>}</span>
                  </td>
                  <td className="px-4 py-3">{s.regions.join(', ')}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{s.services.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function EmptyState({ newHref }: { newHref: string | null }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h2 className="text-lg font-semibold">No systems yet</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        A system is an audited environment, such as “Payments platform, prod accounts”. The AWS services it uses decide where the
        shared-responsibility line sits for each control: guest-OS patching is yours on Amazon EC2 and AWS’s on AWS Lambda.
      </p>
      {newHref ? (
        <Link href={newHref} className={`mt-5 inline-block ${primaryLink}`}>
          Describe your first system
        </Link>
      ) : (
        <p className="mt-4 text-sm text-slate-600">An owner, admin or editor can describe one.</p>
      )}
    </section>
  );
}
