import clsx from 'clsx';
import { FailingBadge } from './failing-badge';
import { applicabilityText, awsHalfText, halvesText, statusLabel, type ControlState } from '../status.policy';

const TONES: Record<ControlState['status'], string> = {
  IMPLEMENTED: 'text-green-800',
  PARTIALLY_IMPLEMENTED: 'text-amber-800',
  PLANNED: 'text-slate-800',
  NOT_STARTED: 'text-slate-600',
  NOT_APPLICABLE: 'text-slate-500',
};

/** A control's standing in one system, in words: the status, then each half or why it does not apply. */
export function ControlStateSummary({ state }: { state: ControlState }) {
  const reason = applicabilityText(state.applicability);
  const halves = halvesText(state);
  return (
    <div className="space-y-1">
      <p className={clsx('font-medium', TONES[state.status])}>
        {statusLabel(state)} <FailingBadge failing={state.failing} />
      </p>
      {reason && <p className="text-xs text-slate-500">{reason}</p>}
      {halves && <p className="text-xs text-slate-500">{halves}</p>}
      {state.aws && <p className="text-xs text-slate-500">{awsHalfText(state.aws)}</p>}
    </div>
  );
}
