'use client';

/**
 * The type and, on one line, why the control has it here; a real button shows the whole reason in
 * a row of its own under the control (Enter or Space on the button, or a click).
 */
export function ReasonToggle({
  reason,
  controlCode,
  expanded,
  onToggle,
  rowId,
}: {
  reason: string;
  controlCode: string;
  expanded: boolean;
  onToggle: () => void;
  rowId: string;
}) {
  return (
    <div className="mt-1 flex max-w-xs items-baseline gap-1 text-xs text-slate-500">
      <p className={expanded ? 'hidden' : 'truncate'} title={reason}>
        {reason}
      </p>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={rowId}
        aria-label={`${expanded ? 'Hide' : 'Show'} why ${controlCode} has this responsibility`}
        onClick={onToggle}
        className="shrink-0 rounded px-1 font-medium text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-600"
      >
        {expanded ? 'Less' : 'Why?'}
      </button>
    </div>
  );
}
