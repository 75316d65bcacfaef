import clsx from 'clsx';
import { FRESHNESS_LABELS, type ControlFreshness, type Freshness, type HalfFreshness } from '../evidence.policy';

const TONES: Record<Freshness, string> = {
  MISSING: 'bg-slate-100 text-slate-700 ring-slate-300',
  CURRENT: 'bg-green-50 text-green-800 ring-green-200',
  EXPIRING: 'bg-amber-50 text-amber-900 ring-amber-300',
  EXPIRED: 'bg-red-50 text-red-800 ring-red-200',
};

export function FreshnessBadge({ state }: { state: Freshness }) {
  return (
    <span className={clsx('inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[state])}>
      {FRESHNESS_LABELS[state]}
    </span>
  );
}

const until = (half: HalfFreshness) => (half.validUntil ? ` until ${half.validUntil.toISOString().slice(0, 10)}` : '');

/** The overall state, and per half where the control has two. */
export function ControlFreshnessSummary({ freshness }: { freshness: ControlFreshness }) {
  return (
    <div className="space-y-1">
      <FreshnessBadge state={freshness.overall} />
      {freshness.aws && freshness.customer && (
        <p className="text-xs text-slate-500">
          AWS half: {FRESHNESS_LABELS[freshness.aws.state].toLowerCase()}
          {until(freshness.aws)} · yours: {FRESHNESS_LABELS[freshness.customer.state].toLowerCase()}
          {until(freshness.customer)}
        </p>
      )}
      {freshness.aws && !freshness.customer && freshness.aws.validUntil && (
        <p className="text-xs text-slate-500">Provider report covers{until(freshness.aws)}</p>
      )}
      {freshness.customer && !freshness.aws && freshness.customer.validUntil && (
        <p className="text-xs text-slate-500">Valid{until(freshness.customer)}</p>
      )}
    </div>
  );
}
