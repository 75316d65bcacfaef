import { inputClass } from '@/components/ui/field';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '../responsibility.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { FRESHNESS_FILTERS, STATUS_FILTERS, type RegisterFilters } from '../register.policy';

type Option = { id: string; name: string };

/** A plain GET form: works with the keyboard and without JavaScript, and the URL is shareable. */
export function RegisterFiltersForm({
  action,
  filters,
  systems,
  systemId,
  families,
  owners,
}: {
  action: string;
  filters: RegisterFilters;
  systems: Option[];
  systemId: string | null;
  families: string[];
  owners: Option[];
}) {
  const select = `${inputClass} w-auto`;
  return (
    <form
      action={action}
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-system" className="font-medium text-slate-700">
          System
        </label>
        <select id="filter-system" name="system" defaultValue={systemId ?? 'none'} className={select}>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          <option value="none">No system (default types)</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-type" className="font-medium text-slate-700">
          Type
        </label>
        <select id="filter-type" name="type" defaultValue={filters.type ?? ''} className={select}>
          <option value="">Any</option>
          {RESPONSIBILITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {RESPONSIBILITY_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-family" className="font-medium text-slate-700">
          Family
        </label>
        <select id="filter-family" name="family" defaultValue={filters.family ?? ''} className={`${select} max-w-56`}>
          <option value="">Any</option>
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </div>
      {systemId && (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-owner" className="font-medium text-slate-700">
              Owner
            </label>
            <select id="filter-owner" name="owner" defaultValue={filters.owner ?? ''} className={select}>
              <option value="">Anyone</option>
              <option value="none">No owner (customer half)</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-status" className="font-medium text-slate-700">
              Status
            </label>
            <select id="filter-status" name="status" defaultValue={filters.status ?? ''} className={select}>
              <option value="">Any</option>
              {STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-evidence" className="font-medium text-slate-700">
          Evidence
        </label>
        <select id="filter-evidence" name="evidence" defaultValue={filters.evidence ?? ''} className={select}>
          <option value="">Any</option>
          {FRESHNESS_FILTERS.map((f) => (
            <option key={f} value={f}>
              {FRESHNESS_LABELS[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-q" className="font-medium text-slate-700">
          Search code or title
        </label>
        <input type="search" id="filter-q" name="q" defaultValue={filters.q ?? ''} className={`${inputClass} w-56`} />
      </div>
      {systemId && (
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" name="failing" value="1" defaultChecked={filters.failing} />
          <span>Failing checks only</span>
        </label>
      )}
      <label className="flex items-center gap-2 pb-2">
        <input type="checkbox" name="archived" value="1" defaultChecked={filters.archived} />
        <span>Archived</span>
      </label>
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
        Apply filters
      </button>
    </form>
  );
}
