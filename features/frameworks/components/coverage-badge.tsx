import clsx from 'clsx';
import { COVERAGE_LABELS, type CoverageState } from '../frameworks.policy';

const TONES: Record<CoverageState | 'WITHDRAWN', string> = {
  COVERED: 'bg-green-50 text-green-800 ring-green-200',
  PARTIAL: 'bg-yellow-50 text-yellow-900 ring-yellow-200',
  NOT_COVERED: 'bg-amber-50 text-amber-900 ring-amber-200',
  NOT_APPLICABLE: 'bg-slate-100 text-slate-600 ring-slate-200',
  UNMAPPED: 'bg-red-50 text-red-800 ring-red-200',
  WITHDRAWN: 'bg-slate-100 text-slate-600 ring-slate-200',
};

/** A requirement's coverage in the chosen system; withdrawn requirements and groups have none (null). */
export function CoverageBadge({ coverage, withdrawn }: { coverage: CoverageState | null; withdrawn: boolean }) {
  const key = withdrawn || !coverage ? 'WITHDRAWN' : coverage;
  if (!withdrawn && !coverage) return null;
  return (
    <span className={clsx('inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[key])}>
      {key === 'WITHDRAWN' ? 'Withdrawn' : COVERAGE_LABELS[key]}
    </span>
  );
}

/** The three coverage states with their counts, in words (readable without colour). */
export function CoverageCountsText({ counts }: { counts: Record<CoverageState, number> }) {
  return (
    <span className="text-xs text-slate-600">
      {(['COVERED', 'PARTIAL', 'NOT_COVERED', 'NOT_APPLICABLE'] as const)
        .map((s) => `${counts[s].toLocaleString('en')} ${COVERAGE_LABELS[s].toLowerCase()}`)
        .join(' · ')}
    </span>
  );
}
