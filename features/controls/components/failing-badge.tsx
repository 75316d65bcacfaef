import { failingText } from '../status.policy';

/** "Failing (2 resources)" beside a status, in red; nothing when no resource fails. */
export function FailingBadge({ failing }: { failing: number }) {
  const text = failingText(failing);
  if (!text) return null;
  return (
    <span className="inline-block rounded border border-red-300 bg-red-50 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-red-800">
      {text}
    </span>
  );
}
