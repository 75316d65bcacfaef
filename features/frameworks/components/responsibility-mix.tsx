import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '@/features/controls/responsibility.policy';
import type { ResponsibilityMix } from '../frameworks.policy';

const DOTS = { INHERITED: 'bg-sky-500', SHARED: 'bg-violet-500', CUSTOMER: 'bg-amber-500' } as const;

/** How many mapped controls AWS provides, shares, or leaves to the customer. */
export function ResponsibilityMixView({ mix }: { mix: ResponsibilityMix }) {
  const total = RESPONSIBILITY_TYPES.reduce((sum, t) => sum + mix[t], 0);
  if (total === 0) return <span className="text-xs text-slate-400">—</span>;
  return (
    <span className="inline-flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
      {RESPONSIBILITY_TYPES.filter((t) => mix[t] > 0).map((t) => (
        <span key={t} className="inline-flex items-center gap-1 whitespace-nowrap">
          <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${DOTS[t]}`} />
          {mix[t]} {RESPONSIBILITY_LABELS[t].toLowerCase()}
        </span>
      ))}
    </span>
  );
}
