import { inputClass } from '@/components/ui/field';
import { COVERAGE_FILTER_LABELS, COVERAGE_FILTERS, type FrameworkFilters } from '../frameworks.policy';

/** A plain GET form, like the control register's: shareable URLs, works without JavaScript. */
export function FrameworkFiltersForm({
  action,
  filters,
  systems,
  systemId,
  tailoringMarks = [],
}: {
  action: string;
  filters: FrameworkFilters;
  tailoringMarks?: string[];
  systems: { id: string; name: string }[];
  systemId: string | null;
}) {
  const select = `${inputClass} w-auto`;
  return (
    <form
      action={action}
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      {systems.length > 0 && (
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-system" className="font-medium text-slate-700">
            System
          </label>
          <select id="filter-system" name="system" defaultValue={systemId ?? ''} className={select}>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-coverage" className="font-medium text-slate-700">
          Coverage
        </label>
        <select id="filter-coverage" name="coverage" defaultValue={filters.coverage ?? ''} className={select}>
          <option value="">All requirements</option>
          {COVERAGE_FILTERS.map((c) => (
            <option key={c} value={c}>
              {COVERAGE_FILTER_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      {tailoringMarks.length > 0 && (
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-tailoring" className="font-medium text-slate-700">
            Tailoring
          </label>
          <select id="filter-tailoring" name="tailoring" defaultValue={filters.tailoring ?? ''} className={select}>
            <option value="">Any</option>
            {tailoringMarks.map((mark) => (
              <option key={mark} value={mark}>
                {mark}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-q" className="font-medium text-slate-700">
          Search id or title
        </label>
        <input type="search" id="filter-q" name="q" defaultValue={filters.q ?? ''} className={`${inputClass} w-64`} />
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
        Apply filters
      </button>
    </form>
  );
}
