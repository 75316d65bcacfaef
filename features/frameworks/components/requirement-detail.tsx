import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { can, type OrgContext } from '@/lib/auth/permissions';
import type { getRequirement } from '../frameworks.data';
import { CoverageBadge } from './coverage-badge';
import { MapControlForm } from './map-control-form';
import { MappedControlState } from './mapped-control-state';
import { ResponsibilityMixView } from './responsibility-mix';
import { UnmapButton } from './unmap-button';
import { LINK_WORDS } from '../frameworks.policy';

type Requirement = Awaited<ReturnType<typeof getRequirement>>;

export function RequirementDetail({ ctx, requirement }: { ctx: OrgContext; requirement: Requirement }) {
  const { framework, system } = requirement;
  const frameworkHref = `/${ctx.orgSlug}/frameworks/${framework.id}`;
  const suffix = system ? `?system=${system.id}` : '';
  const canMap = can(ctx.role, 'controls.edit') && requirement.kind !== 'group';
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">
        <Link href={`${frameworkHref}${suffix}`} className="text-brand-600 hover:underline">
          {framework.name}
        </Link>
        {requirement.parent && (
          <>
            {' › '}
            <Link href={`${frameworkHref}/requirements/${requirement.parent.id}${suffix}`} className="text-brand-600 hover:underline">
              {requirement.parent.label} {requirement.parent.title}
            </Link>
          </>
        )}
      </p>
      <PageHeader
        title={`${requirement.label} · ${requirement.title}`}
        actions={requirement.kind !== 'group' && <CoverageBadge coverage={requirement.coverage} withdrawn={requirement.withdrawn} />}
      />
      {requirement.withdrawn && (
        <div className="mb-4">
          <Alert>
            This requirement is withdrawn: it is not counted, and a control mapped to it covers nothing.
            {requirement.links.map((l) => (
              <span key={`${l.rel}-${l.externalId}`} className="ml-1">
                {LINK_WORDS[l.rel]}{' '}
                {l.id ? (
                  <Link href={`${frameworkHref}/requirements/${l.id}${suffix}`} className="font-medium text-brand-600 hover:underline">
                    {l.label}
                  </Link>
                ) : (
                  l.label
                )}
                .
              </span>
            ))}
          </Alert>
        </div>
      )}
      <section className="mb-6 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="statement">
        <h2 id="statement" className="text-sm font-semibold text-slate-700">
          Statement
        </h2>
        <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{requirement.statement || 'No statement.'}</p>
        {requirement.classes && <p className="mt-3 text-xs text-slate-500">Class: {requirement.classes}</p>}
        {requirement.tailoring.length > 0 && (
          <p className="mt-1 text-xs text-slate-500">Baseline tailoring: {requirement.tailoring.join(', ')}</p>
        )}
      </section>
      {requirement.params.length > 0 && (
        <section className="mb-6 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="parameters">
          <h2 id="parameters" className="text-sm font-semibold text-slate-700">
            Parameters
          </h2>
          <p className="mt-1 text-xs text-slate-500">
            What the organization fills in, as the source prints it, with the values and constraints the baseline assigns. A system whose
            baseline this is sets its own values on its{' '}
            {system ? (
              <Link
                href={`/${ctx.orgSlug}/systems/${system.id}/parameters?q=${encodeURIComponent(requirement.externalId)}`}
                className="text-brand-600 hover:underline"
              >
                Parameters page
              </Link>
            ) : (
              'Parameters page'
            )}
            .
          </p>
          <dl className="mt-3 space-y-2 text-sm">
            {requirement.params.map((p) => (
              <div key={p.id} className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                <dt className="font-mono text-xs text-slate-500">{p.id}</dt>
                <dd>
                  {p.label}
                  {p.aggregates.length > 0 && <span className="ml-1 text-xs text-slate-500">(gathers {p.aggregates.join(', ')})</span>}
                  {(p.values.length > 0 || p.constraints.length > 0) && (
                    <span className="block text-xs text-slate-600">Baseline: {[...p.values, ...p.constraints].join('; ')}</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {requirement.children.length > 0 && (
        <section className="mb-6" aria-labelledby="children">
          <h2 id="children" className="mb-2 text-sm font-semibold text-slate-700">
            {requirement.kind === 'group' ? 'Requirements' : 'Enhancements'}
          </h2>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {requirement.children.map((c) => (
              <li key={c.id} className={c.withdrawn ? 'text-slate-400 line-through' : undefined}>
                <Link href={`${frameworkHref}/requirements/${c.id}${suffix}`} className="font-mono text-xs text-brand-600 hover:underline">
                  {c.label}
                </Link>{' '}
                {c.title}
              </li>
            ))}
          </ul>
        </section>
      )}
      {requirement.kind !== 'group' && (
        <section aria-labelledby="mapped" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="mapped" className="text-base font-semibold">
                Mapped controls
              </h2>
              <p className="text-sm text-slate-600">
                {system
                  ? `As they stand in ${system.name}. Covered when one is implemented there with accepted, current evidence.`
                  : 'Describe a system to see whether these controls cover it.'}
              </p>
            </div>
            {requirement.systems.length > 1 && (
              <form method="get" className="flex items-end gap-2 text-sm">
                <label className="flex flex-col gap-1">
                  <span className="font-medium text-slate-700">System</span>
                  <select name="system" defaultValue={system?.id} className="rounded-md border border-slate-300 bg-white px-3 py-2">
                    {requirement.systems.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium hover:bg-slate-50">
                  Show
                </button>
              </form>
            )}
          </div>
          {requirement.controls.length === 0 && requirement.archivedControls.length === 0 ? (
            <Alert>
              No control is mapped to this requirement yet.{' '}
              {canMap && requirement.mappable.length === 0 && (
                <>
                  This organization has no active controls: create one or load the starter library on the{' '}
                  <Link href={`/${ctx.orgSlug}/controls`} className="font-medium text-brand-600 hover:underline">
                    Controls
                  </Link>{' '}
                  page.
                </>
              )}
            </Alert>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Mapped controls</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      Control
                    </th>
                    <th scope="col" className="px-4 py-2">
                      In this system
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Rationale
                    </th>
                    {canMap && (
                      <th scope="col" className="px-4 py-2">
                        <span className="sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {requirement.controls.map((c) => (
                    <tr key={c.id}>
                      <td className="px-4 py-3">
                        <Link
                          href={`/${ctx.orgSlug}/controls/${c.id}${suffix}`}
                          className="font-mono text-xs text-brand-600 hover:underline"
                        >
                          {c.code}
                        </Link>
                        <span className="ml-2 font-medium">{c.title}</span>
                      </td>
                      <td className="px-4 py-3">
                        <MappedControlState control={c} />
                      </td>
                      <td className="px-4 py-3 text-slate-600">{c.rationale || '—'}</td>
                      {canMap && (
                        <td className="px-4 py-3 text-right">
                          <UnmapButton
                            orgSlug={ctx.orgSlug}
                            controlId={c.id}
                            requirementId={requirement.id}
                            label={`Unmap ${c.code}`}
                            title={`Unmap ${c.code} from ${requirement.label}?`}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                  {requirement.archivedControls.map((c) => (
                    <tr key={c.id} className="text-slate-400">
                      <td className="px-4 py-3">
                        <Link href={`/${ctx.orgSlug}/controls/${c.id}`} className="font-mono text-xs hover:underline">
                          {c.code}
                        </Link>
                        <span className="ml-2">{c.title}</span>
                      </td>
                      <td className="px-4 py-3 text-xs">Archived: proves nothing</td>
                      <td className="px-4 py-3">{c.rationale || '—'}</td>
                      {canMap && (
                        <td className="px-4 py-3 text-right">
                          <UnmapButton
                            orgSlug={ctx.orgSlug}
                            controlId={c.id}
                            requirementId={requirement.id}
                            label={`Unmap ${c.code}`}
                            title={`Unmap ${c.code} from ${requirement.label}?`}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {requirement.controls.length > 0 && (
            <p className="text-sm text-slate-600">
              Responsibility mix: <ResponsibilityMixView mix={requirement.mix} />
            </p>
          )}
          {canMap && (requirement.mappable.length > 0 || requirement.controls.length > 0) && (
            <MapControlForm orgSlug={ctx.orgSlug} requirementId={requirement.id} controls={requirement.mappable} />
          )}
        </section>
      )}
    </>
  );
}
