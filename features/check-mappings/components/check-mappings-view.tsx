import { Alert } from '@/components/ui/alert';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { CHECK_ID_SOURCES } from '../check-ids';
import type { listCheckMappings } from '../check-mappings.data';
import { AddCheckMappingForm } from './add-check-mapping-form';
import { CheckMappingTable } from './check-mapping-table';

type Mappings = Awaited<ReturnType<typeof listCheckMappings>>;

/** The check → control page: what a check id is for each tool, the table with its filter, and the add form. */
export function CheckMappingsView({
  orgSlug,
  mappings,
  q,
  controls,
  canEdit,
}: {
  orgSlug: string;
  mappings: Mappings;
  q: string;
  controls: { id: string; code: string; title: string }[] | null;
  canEdit: boolean;
}) {
  const base = `/${orgSlug}/check-mappings`;
  const href = (page: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader
        title="Check → control mappings"
        description="Security tools name their checks, not your controls. When a finding is ingested, its check id is looked up here and the finding lands on every control mapped to it (besides the controls its requirement ids reach through your frameworks). The AWS starter library ships mappings for common AWS checks (one you remove stays removed when the library is loaded again); add your own for the rest."
      />
      <section aria-labelledby="check-ids-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <h2 id="check-ids-heading" className="font-semibold text-slate-800">
          What a check id is, for each tool
        </h2>
        <dl className="mt-3 grid gap-3 md:grid-cols-2">
          {CHECK_ID_SOURCES.map((source) => (
            <div key={source.tool}>
              <dt className="font-medium">
                {source.tool} <span className="font-mono text-xs text-slate-600">e.g. {source.example}</span>
              </dt>
              <dd className="text-slate-600">{source.where}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-slate-600">A scan’s unmapped findings (on the Findings page) show the check ids no control is mapped to.</p>
      </section>
      <form
        action={base}
        method="get"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="check-mappings-q" className="font-medium text-slate-700">
            Filter by check id, control code or title
          </label>
          <input type="search" id="check-mappings-q" name="q" defaultValue={q} className={`${inputClass} w-72`} />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      {mappings.total === 0 ? (
        <Alert>
          {q
            ? `No mapping matches “${q}”.`
            : 'No check is mapped to a control yet. Load the AWS starter library on the Controls page for the common AWS checks, or add a mapping below.'}
        </Alert>
      ) : (
        <>
          <CheckMappingTable
            orgSlug={orgSlug}
            canEdit={canEdit}
            rows={mappings.rows.map((r) => ({
              id: r.id,
              checkId: r.checkId,
              control: { id: r.control.id, code: r.control.code, title: r.control.title, archived: r.control.archivedAt !== null },
            }))}
          />
          <Pagination page={mappings.page} pageSize={mappings.pageSize} total={mappings.total} href={href} />
        </>
      )}
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        {controls ? (
          <AddCheckMappingForm orgSlug={orgSlug} controls={controls} />
        ) : (
          <p className="text-sm text-slate-600">Your role can read this table; owners, admins and editors change it.</p>
        )}
      </section>
    </>
  );
}
