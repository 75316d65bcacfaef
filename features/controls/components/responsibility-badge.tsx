import clsx from 'clsx';
import { RESPONSIBILITY_LABELS, type ResponsibilityType } from '../responsibility.policy';

const TONES: Record<ResponsibilityType, string> = {
  INHERITED: 'bg-sky-50 text-sky-800 ring-sky-200',
  SHARED: 'bg-violet-50 text-violet-800 ring-violet-200',
  CUSTOMER: 'bg-amber-50 text-amber-900 ring-amber-200',
};

/** The responsibility type as a labelled chip; `title` carries the reason for sighted hover users too. */
export function ResponsibilityBadge({ type, reason }: { type: ResponsibilityType; reason?: string }) {
  return (
    <span title={reason} className={clsx('inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[type])}>
      {RESPONSIBILITY_LABELS[type]}
    </span>
  );
}
