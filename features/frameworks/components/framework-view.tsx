import { CoverageCountsText } from './coverage-badge';
import { coveredShare } from '../frameworks.policy';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { can, type OrgContext } from '@/lib/auth/permissions';
import type { getFrameworkView } from '../frameworks.data';
import type { FrameworkFilters } from '../frameworks.policy';
import { FRAMEWORK_SOURCE_LABELS, type FrameworkSource } from '../frameworks.schema';
import { AddRequirementForm } from './add-requirement-form';
import { FrameworkFiltersForm } from './framework-filters';
import { RequirementsCsvUpload } from './requirements-csv-upload';
import { RequirementsTable } from './requirements-table';
import { ResponsibilityMixView } from './responsibility-mix';

type View = Awaited<ReturnType<typeof getFrameworkView>>;

function Figure({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

export function FrameworkView({ ctx, view, filters }: { ctx: OrgContext; view: View; filters: FrameworkFilters }) {
  const { framework, coverage, system } = view;
  const base = `/${ctx.orgSlug}/frameworks/${framework.id}`;
  const query = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({
      system: system?.id,
      coverage: filters.coverage,
      tailoring: filters.tailoring,
      q: filters.q,
      page: String(page),
    })) {
      if (value) params.set(key, value);
    }
    return `${base}?${params}`;
  };
  const share = coveredShare(coverage.states);
  const percent = share.of ? Math.round((share.covered / share.of) * 100) : 0;
  const empty = coverage.requirements === 0 && view.total === 0 && !filters.q && !filters.coverage && !filters.tailoring;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/${ctx.orgSlug}/frameworks`} className="text-brand-600 hover:underline">
          Frameworks
        </Link>
      </p>
      <PageHeader
        title={framework.name}
        description={[
          framework.version && `Version ${framework.version}`,
          FRAMEWORK_SOURCE_LABELS[framework.source as FrameworkSource],
          framework.description,
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      {!empty && (
        <dl className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-5">
          <div className="sm:col-span-2">
            <dt className="text-slate-500">Covered{system ? ` in ${system.name}` : ''}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">
              {share.covered.toLocaleString('en')} of {share.of.toLocaleString('en')}{' '}
              <span className="text-sm font-normal text-slate-500">({percent}%)</span>
            </dd>
            <dd className="mt-1">
              <CoverageCountsText counts={coverage.states} />
            </dd>
            <dd className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden>
              <div className="h-full bg-green-600" style={{ width: `${percent}%` }} />
            </dd>
          </div>
          <Figure
            label="Mapped to a control"
            value={coverage.mapped.toLocaleString('en')}
            hint={`${coverage.states.UNMAPPED.toLocaleString('en')} with none`}
          />
          <Figure label="Withdrawn" value={coverage.withdrawn.toLocaleString('en')} hint="Not counted" />
          <div>
            <dt className="text-slate-500">Mapped controls</dt>
            <dd className="mt-2">
              <ResponsibilityMixView mix={coverage.mix} />
            </dd>
          </div>
        </dl>
      )}
      {!system && !empty && (
        <div className="mb-4">
          <Alert>
            Coverage is counted per system: a requirement is covered when a mapped control is implemented there with accepted, current
            evidence.{' '}
            <Link href={`/${ctx.orgSlug}/systems/new`} className="font-medium text-brand-600 hover:underline">
              Describe a system
            </Link>{' '}
            to see it.
          </Alert>
        </div>
      )}
      {empty ? (
        <Alert>
          {framework.custom
            ? 'No requirements yet. Add them below one by one, or upload a CSV with the columns id, title, statement, parent_id (optional) and kind (“group” for a heading).'
            : 'This framework has no requirements. Import its catalog again from the Frameworks page.'}
        </Alert>
      ) : (
        <>
          <FrameworkFiltersForm
            action={base}
            filters={filters}
            systems={view.systems}
            systemId={system?.id ?? null}
            tailoringMarks={view.tailoringMarks}
          />
          {view.total === 0 ? (
            <Alert>
              No requirement matches these filters.{' '}
              <Link href={`${base}${system ? `?system=${system.id}` : ''}`} className="font-medium text-brand-600 hover:underline">
                Clear filters
              </Link>
            </Alert>
          ) : (
            <>
              <RequirementsTable orgSlug={ctx.orgSlug} frameworkId={framework.id} systemId={system?.id ?? null} rows={view.rows} />
              <Pagination page={view.page} pageSize={view.pageSize} total={view.total} href={query} />
            </>
          )}
        </>
      )}
      {framework.custom && can(ctx.role, 'controls.edit') && (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="add-requirement">
            <h2 id="add-requirement" className="mb-3 text-base font-semibold">
              Add a requirement
            </h2>
            <AddRequirementForm orgSlug={ctx.orgSlug} frameworkId={framework.id} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="csv-requirements">
            <h2 id="csv-requirements" className="mb-3 text-base font-semibold">
              Add or update requirements from CSV
            </h2>
            <RequirementsCsvUpload orgSlug={ctx.orgSlug} frameworkId={framework.id} />
          </section>
        </div>
      )}
    </>
  );
}
