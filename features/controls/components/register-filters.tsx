'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useOptimistic, useRef, useState, useTransition } from 'react';
import { inputClass } from '@/components/ui/field';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '../responsibility.policy';
import { FRESHNESS_FILTERS, registerQuery, STATUS_FILTERS, type RegisterFilters } from '../register.policy';

type Option = { id: string; name: string };

/** How long typing in the search field pauses before the register follows it. */
const TYPING_PAUSE_MS = 400;
const cleanQuery = (q: string) => q.trim().slice(0, 100);

/**
 * The register's filters. Each choice applies at once (the search field after a pause in typing,
 * or on Enter) by moving to the register's address for it, so back/forward and shared links show
 * the same view. Without JavaScript it is a plain GET form with an Apply button.
 */
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
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const current = registerQuery(filters, systemId);
  const [q, setQ] = useState(filters.q ?? '');
  // What the search field last sent: a different q in the address came from elsewhere (back/forward, a link).
  const [sentQ, setSentQ] = useState(filters.q ?? '');
  // The last search text sent, so a pending pause in typing does not send it again after Enter did.
  const lastSent = useRef(filters.q ?? '');
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    if ((filters.q ?? '') !== sentQ) {
      // A q from elsewhere (back/forward, a link): show it, and count it as sent.
      setQ(filters.q ?? '');
      setSentQ(filters.q ?? '');
    }
  }

  // The choices shown at once, before the register of the new address arrives; built on by quick successive choices.
  const [view, setView] = useOptimistic(current);
  const viewParams = new URLSearchParams(view);
  const go = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(view);
    for (const [name, value] of Object.entries(changes)) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    // Any change of filter starts again at the first page; without a system, its filters go.
    params.delete('page');
    if (params.get('system') === 'none') for (const name of ['owner', 'status', 'failing']) params.delete(name);
    const next = params.toString();
    startTransition(() => {
      setView(next);
      router.push(`${action}?${next}`, { scroll: false });
    });
  };
  const sendQuery = (value: string) => {
    const clean = cleanQuery(value);
    if (clean === lastSent.current) return;
    lastSent.current = clean;
    setSentQ(clean);
    go({ q: clean || undefined });
  };

  // The address's q is what was last sent once it arrives (ours, or one from back/forward or a link).
  useEffect(() => {
    lastSent.current = filters.q ?? '';
  }, [filters.q]);

  useEffect(() => {
    if (cleanQuery(q) === (filters.q ?? '')) return;
    const timer = setTimeout(() => sendQuery(q), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
    // sendQuery reads the filters of this render; the timer restarts with each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, filters.q]);

  const select = `${inputClass} w-auto`;
  const field = (name: string) => ({
    name,
    value: viewParams.get(name) ?? (name === 'system' ? 'none' : ''),
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => go({ [name]: e.target.value || undefined }),
  });
  const toggle = (name: 'failing' | 'archived') => ({
    name,
    value: '1',
    checked: viewParams.get(name) === '1',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => go({ [name]: e.target.checked ? '1' : undefined }),
  });

  return (
    <form
      action={action}
      method="get"
      aria-label="Filter controls"
      onSubmit={(e) => {
        e.preventDefault();
        sendQuery(q);
      }}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-system" className="font-medium text-slate-700">
          System
        </label>
        <select id="filter-system" {...field('system')} className={select}>
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
        <select id="filter-type" {...field('type')} className={select}>
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
        <select id="filter-family" {...field('family')} className={`${select} max-w-56`}>
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
            <select id="filter-owner" {...field('owner')} className={select}>
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
            <select id="filter-status" {...field('status')} className={select}>
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
        <select id="filter-evidence" {...field('evidence')} className={select}>
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
        <input
          type="search"
          id="filter-q"
          name="q"
          value={q}
          maxLength={100}
          onChange={(e) => setQ(e.target.value)}
          className={`${inputClass} w-56`}
        />
      </div>
      {systemId && (
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" {...toggle('failing')} />
          <span>Failing checks only</span>
        </label>
      )}
      <label className="flex items-center gap-2 pb-2">
        <input type="checkbox" {...toggle('archived')} />
        <span>Archived</span>
      </label>
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <noscript>
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
          Apply filters
        </button>
      </noscript>
      <span className="pb-2 text-slate-500" aria-live="polite">
        {pending ? 'Updating…' : ''}
      </span>
    </form>
  );
}
