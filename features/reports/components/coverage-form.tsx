'use client';
import { useId, useMemo, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ReportRow } from '../reports.data';
import { changeCoverageAction } from '../reports.actions';
import { ControlChecklist, type CoverableControl } from './control-checklist';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the report covers, plus every control it could cover; the ones it covers but no longer could are marked. */
export function coverageOptions(report: Pick<ReportRow, 'covered'>, coverable: CoverableControl[]) {
  const offered = new Set(coverable.map((c) => c.id));
  const extra = report.covered.filter((c) => !offered.has(c.id));
  const notes = new Map(extra.map((c) => [c.id, 'Covered, but no longer offered (archived, or without an AWS half): untick to remove.']));
  return { controls: [...coverable, ...extra].sort((a, b) => a.code.localeCompare(b.code)), notes };
}

/**
 * Ticks what a current report covers; saving adds the newly ticked controls and removes the
 * unticked ones. Removing coverage is confirmed first: those controls' AWS half reads "no report
 * on file" unless another report covers them.
 */
export function CoverageForm({
  orgSlug,
  report,
  coverable,
  onDone,
  onCancel,
}: {
  orgSlug: string;
  report: ReportRow;
  coverable: CoverableControl[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { controls, notes } = useMemo(() => coverageOptions(report, coverable), [report, coverable]);
  const initial = useMemo(() => report.covered.map((c) => c.id), [report]);
  const [selected, setSelected] = useState<string[]>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  const ticked = new Set(selected);
  const add = selected.filter((id) => !initial.includes(id));
  const remove = initial.filter((id) => !ticked.has(id));
  const removedCodes = controls.filter((c) => remove.includes(c.id)).map((c) => c.code);

  const save = () =>
    startTransition(async () => {
      setError(null);
      const result = await changeCoverageAction(orgSlug, { reportId: report.id, add, remove });
      if (!result.ok) return setError(result.error.fieldErrors?.controlIds?.[0] ?? result.error.message);
      const { added, removed } = result.data;
      const parts = [added.length > 0 && `added ${plural(added.length, 'control')}`, removed.length > 0 && `removed ${removed.length}`];
      const text = parts.filter(Boolean).join(' and ') || 'nothing changed';
      onDone(`Coverage of “${report.title}”: ${text}.`);
    });

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (add.length === 0 && remove.length === 0) return setError('Tick or untick at least one control.');
    if (remove.length > 0) dialog.current?.showModal();
    else save();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`Coverage of “${report.title}”`}>
      {error && <Alert tone="error">{error}</Alert>}
      <ControlChecklist
        legend="Controls this report covers"
        hint="Tick to start covering a control with this report; untick to stop."
        controls={controls}
        selected={selected}
        onChange={setSelected}
        notes={notes}
      />
      <p className="text-xs text-slate-600" aria-live="polite">
        {add.length === 0 && remove.length === 0 ? 'No change yet.' : `To add: ${add.length}. To remove: ${remove.length}.`}
      </p>
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save coverage'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold">
          Stop covering {plural(remove.length, 'control')}?
        </h2>
        <div className="mt-2 space-y-2 text-sm text-slate-600">
          <p>
            “{report.title}” will no longer cover {removedCodes.join(', ')}. Their AWS half reads “no report on file” unless another report
            covers them.
          </p>
          {add.length > 0 && <p>{plural(add.length, 'control')} will be added at the same time.</p>}
        </div>
        <div className="mt-6 flex justify-end gap-3">
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Keep coverage
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              dialog.current?.close();
              save();
            }}
          >
            Remove coverage
          </Button>
        </div>
      </dialog>
    </form>
  );
}
