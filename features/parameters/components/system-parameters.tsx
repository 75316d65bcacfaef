import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import type { getSystemParameters } from '../parameters.data';
import { ParameterValueForm } from './parameter-value-form';

type View = Awaited<ReturnType<typeof getSystemParameters>>;

/** The parameters of a system's baseline, grouped by control: the printed label, the baseline's default, the team's value. */
export function SystemParameters({ orgSlug, view, q, canEdit }: { orgSlug: string; view: View; q?: string; canEdit: boolean }) {
  const { system, baseline } = view;
  const base = `/${orgSlug}/systems/${system.id}/parameters`;
  const href = (page: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  const editable = canEdit && !system.archived;
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">
        <Link href={`/${orgSlug}/systems/${system.id}`} className="text-brand-600 hover:underline">
          {system.name}
        </Link>
      </p>
      <PageHeader
        title="Parameters"
        description={
          <>
            The values this system gives the organization-defined parameters of its baseline’s controls (“[Assignment: …]”, “[Selection:
            …]”). Where the system sets none, the baseline’s value or constraint stands as the default (for FedRAMP, e.g. “at least
            annually”). The system security plan uses these values.
          </>
        }
      />
      {!baseline ? (
        <Alert>
          This system has no baseline yet, so it has no parameters to fill in. Choose its baseline (an imported resolved profile, such as
          FedRAMP LI-SaaS or NIST MODERATE) on the{' '}
          <Link href={`/${orgSlug}/systems/${system.id}/edit`} className="font-medium text-brand-600 hover:underline">
            system’s edit page
          </Link>
          .
        </Alert>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700">
            Baseline: <span className="font-medium">{baseline.name}</span> {baseline.version} · {view.customized.toLocaleString('en')} set
            by this system
          </p>
          {system.archived && (
            <div className="mb-4">
              <Alert>This system is archived: restore it to change its parameters.</Alert>
            </div>
          )}
          {!canEdit && (
            <p className="mb-4 text-sm text-slate-600">Your role can read these values; owners, admins and editors change them.</p>
          )}
          <form
            action={base}
            method="get"
            className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
          >
            <div className="flex flex-col gap-1">
              <label htmlFor="parameters-q" className="font-medium text-slate-700">
                Search control, parameter or value
              </label>
              <input type="search" id="parameters-q" name="q" defaultValue={q ?? ''} className={`${inputClass} w-72`} />
            </div>
            <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
              Search
            </button>
          </form>
          {view.groups.length === 0 ? (
            <Alert>{q ? `No parameter matches “${q}”.` : 'The baseline’s controls have no parameters.'}</Alert>
          ) : (
            <div className="space-y-4">
              {view.groups.map((group) => (
                <section
                  key={group.controlId}
                  aria-labelledby={`control-${group.controlId}`}
                  className="rounded-lg border border-slate-200 bg-white p-5"
                >
                  <h2 id={`control-${group.controlId}`} className="text-base font-semibold">
                    <span className="mr-2 font-mono text-sm">{group.controlLabel}</span>
                    {group.controlTitle}
                  </h2>
                  <ul className="mt-3 divide-y divide-slate-100">
                    {group.rows.map((row) => (
                      <li key={row.param.id} className="grid gap-3 py-3 md:grid-cols-2" data-param={row.param.id}>
                        <div className="text-sm">
                          <p className="font-mono text-xs text-slate-500">{row.param.id}</p>
                          <p className="mt-1 text-slate-800">{row.param.label}</p>
                          <p className="mt-1 text-xs text-slate-600">
                            Default: {row.baseline.length ? row.baseline.join('; ') : 'none — the baseline assigns no value'}
                          </p>
                          <p className="mt-1 text-xs text-slate-600">
                            This system: {row.own ? row.own.values.join('; ') : 'the default applies'}
                          </p>
                        </div>
                        {editable && (
                          <ParameterValueForm
                            orgSlug={orgSlug}
                            systemId={system.id}
                            paramId={row.param.id}
                            label={row.param.label}
                            own={row.own}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          )}
          <Pagination page={view.page} pageSize={view.pageSize} total={view.total} href={href} />
        </>
      )}
    </>
  );
}
