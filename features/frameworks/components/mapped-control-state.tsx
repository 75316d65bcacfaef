import { ResponsibilityBadge } from '@/features/controls/components/responsibility-badge';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import type { MappedControl } from '../frameworks.policy';

/** A mapped control's state in the chosen system: type, status and evidence, and whether it proves the requirement. */
export function MappedControlState({ control }: { control: MappedControl }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
      <ResponsibilityBadge type={control.type} />
      <span>{STATUS_LABELS[control.status]}</span>
      <span aria-hidden>·</span>
      <span>Evidence: {FRESHNESS_LABELS[control.freshness]}</span>
      {control.satisfied && <span className="font-medium text-green-700">✓ proves it</span>}
    </span>
  );
}
