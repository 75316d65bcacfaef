import Link from 'next/link';
import { inputClass } from '@/components/ui/field';
import { FreezeSnapshotButton } from './snapshot-buttons';

/** The summary's scope (whole system or one framework), its downloads, and freezing it. */
export function SummaryHeader({
  orgSlug,
  systemId,
  frameworkId,
  frameworks,
  canFreeze,
}: {
  orgSlug: string;
  systemId: string;
  frameworkId?: string;
  frameworks: { id: string; name: string }[];
  canFreeze: boolean;
}) {
  const base = `/${orgSlug}/systems/${systemId}`;
  const scope = frameworkId ? `?framework=${frameworkId}` : '';
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <form action={`${base}/summary`} method="get" className="flex items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="summary-framework" className="font-medium text-slate-700">
            Scope
          </label>
          <select id="summary-framework" name="framework" defaultValue={frameworkId ?? ''} className={`${inputClass} w-64`}>
            <option value="">Every control of the system</option>
            {frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                Controls mapped to {f.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 font-medium hover:bg-slate-50">
          Show
        </button>
      </form>
      <div className="flex flex-wrap items-center gap-4">
        <a href={`${base}/summary/pdf${scope}`} download className="text-brand-600 hover:underline">
          Download PDF
        </a>
        <Link href={`${base}/snapshots`} className="text-brand-600 hover:underline">
          Snapshots
        </Link>
        {canFreeze && <FreezeSnapshotButton orgSlug={orgSlug} systemId={systemId} frameworkId={frameworkId} />}
      </div>
    </div>
  );
}
