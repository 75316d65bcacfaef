import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { listControlEvidence } from '../evidence.data';
import { KIND_LABELS, REVIEW_LABELS, REVIEW_TONES } from './evidence-labels';

type Items = Awaited<ReturnType<typeof listControlEvidence>>;

/** The evidence proving one control: what it is, for which system, how far its review got. */
export function ControlEvidenceList({ orgSlug, items }: { orgSlug: string; items: Items }) {
  if (items.length === 0) return <Alert>No evidence yet.</Alert>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {items.map((item) => {
        const latest = item.versions[0];
        return (
          <li key={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
            <Link href={`/${orgSlug}/evidence/${item.id}`} className="font-medium text-brand-600 hover:underline">
              {item.title}
            </Link>
            <span className="text-slate-500">{KIND_LABELS[item.kind]}</span>
            <span className={`rounded px-1.5 py-0.5 text-xs ${REVIEW_TONES[item.reviewState]}`}>{REVIEW_LABELS[item.reviewState]}</span>
            <span className="text-slate-500">{item.system?.name ?? 'All systems'}</span>
            {item.report ? (
              <span className="text-slate-500">period ends {item.report.periodEnd.toISOString().slice(0, 10)}</span>
            ) : (
              latest && (
                <span className="text-slate-500">
                  v{latest.number}, true on {latest.effectiveAt.toISOString().slice(0, 10)}
                </span>
              )
            )}
          </li>
        );
      })}
    </ul>
  );
}
