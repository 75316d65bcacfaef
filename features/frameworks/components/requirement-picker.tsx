'use client';
import { useEffect, useId, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { mapControlAction, searchRequirementsAction } from '../frameworks.actions';

type Found = { id: string; label: string; title: string; withdrawn: boolean; framework: { name: string } };

/** Finds requirements across frameworks by id (or title) and maps the control to one. */
export function RequirementPicker({ orgSlug, controlId, mappedIds }: { orgSlug: string; controlId: string; mappedIds: string[] }) {
  const [q, setQ] = useState('');
  const [rationale, setRationale] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const searchId = useId();
  const rationaleId = useId();

  useEffect(() => {
    const query = q.trim();
    // Waits for a pause in typing; a later keystroke cancels the earlier search.
    let current = true;
    const timer = setTimeout(async () => {
      const result = query ? await searchRequirementsAction(orgSlug, { q: query }) : null;
      if (current) setFound(result?.ok ? result.data : []);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [orgSlug, q]);

  const map = (requirement: Found) =>
    startTransition(async () => {
      const result = await mapControlAction(orgSlug, { controlId, requirementId: requirement.id, rationale });
      setMessage(
        result.ok
          ? { tone: 'success', text: `Mapped to ${requirement.label} (${requirement.framework.name}).` }
          : { tone: 'error', text: result.error.message },
      );
      if (result.ok) setRationale('');
    });

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-sm font-semibold">Map to a requirement</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={searchId} className="block text-sm font-medium text-slate-700">
            Requirement id or title
          </label>
          <input
            id={searchId}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="e.g. ac-2, CC6.1"
            className={inputClass}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={rationaleId} className="block text-sm font-medium text-slate-700">
            Rationale (optional)
          </label>
          <input
            id={rationaleId}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            maxLength={2000}
            className={inputClass}
          />
        </div>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {q.trim() && (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Matching requirements">
          {found.length === 0 && <li className="py-2 text-slate-500">No requirement matches.</li>}
          {found.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 py-2">
              <span>
                <span className="font-mono text-xs">{r.label}</span> {r.title}
                <span className="block text-xs text-slate-500">
                  {r.framework.name}
                  {r.withdrawn && ' · withdrawn'}
                </span>
              </span>
              {mappedIds.includes(r.id) ? (
                <span className="text-xs text-slate-500">Mapped</span>
              ) : (
                <Button
                  variant="secondary"
                  disabled={pending}
                  onClick={() => map(r)}
                  aria-label={`Map to ${r.label} (${r.framework.name})`}
                >
                  Map
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
