import { Table } from '@/components/ui/table';
import type { AutomatedResult } from '@/features/findings/automated';
import { checksText, scanTimeText, toolText } from '../automated.policy';

/** One AUTOMATED version in full: the scan, its counts and the failing resources it recorded. */
export function AutomatedResultView({ result, number }: { result: AutomatedResult; number: number }) {
  const listed = result.failing.length;
  return (
    <section className="mb-6 rounded-lg border border-slate-200 bg-white p-5 text-sm" aria-label="Automated check results">
      <h2 className="mb-1 text-lg font-semibold">Automated check results (version {number})</h2>
      <p className="mb-3 text-xs text-slate-500">
        Recorded from one scan for this control in this system; a later scan adds a new version, this one never changes.
      </p>
      <dl className="mb-4 grid gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Tool</dt>
          <dd>{toolText(result.tool)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Scan time</dt>
          <dd>{scanTimeText(result.scannedAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Checks</dt>
          <dd>{checksText(result.checks)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Accounts</dt>
          <dd className="font-mono text-xs">{result.accounts.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Regions</dt>
          <dd>{result.regions.join(', ') || '—'}</dd>
        </div>
      </dl>
      <h3 className="mb-2 font-medium">
        Failing resources ({result.failingTotal}
        {listed < result.failingTotal ? `, the first ${listed} listed` : ''})
      </h3>
      {listed === 0 ? (
        <p className="text-slate-600">No failing resources in this scan.</p>
      ) : (
        <Table caption="Failing resources in this scan" columns={['Resource', 'Check', 'Severity', 'Remediation']}>
          {result.failing.map((f, i) => (
            <tr key={`${f.checkId}:${f.resource}:${i}`}>
              <td className="px-4 py-2 font-mono text-xs break-all">
                {f.resource}
                {f.suppressed && <span className="block font-sans text-slate-500">Suppressed by the tool (not counted)</span>}
              </td>
              <td className="px-4 py-2">
                {f.title}
                <span className="block font-mono text-xs text-slate-500">{f.checkId}</span>
              </td>
              <td className="px-4 py-2">{f.severity ?? '—'}</td>
              <td className="px-4 py-2 text-xs whitespace-pre-line">{f.remediation || '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
