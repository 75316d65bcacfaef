import clsx from 'clsx';

const STYLES = {
  covered: ['Covered', 'bg-green-50 text-green-800 ring-green-200'],
  uncovered: ['Not covered', 'bg-amber-50 text-amber-900 ring-amber-200'],
  withdrawn: ['Withdrawn', 'bg-slate-100 text-slate-600 ring-slate-200'],
} as const;

/** Whether a requirement is covered in the chosen system; withdrawn ones cannot be. */
export function CoverageBadge({ covered, withdrawn }: { covered: boolean; withdrawn: boolean }) {
  const [label, tone] = STYLES[withdrawn ? 'withdrawn' : covered ? 'covered' : 'uncovered'];
  return (
    <span className={clsx('inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', tone)}>
      {label}
    </span>
  );
}
