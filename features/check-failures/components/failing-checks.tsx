import { Table } from '@/components/ui/table';
import { failingText } from '@/features/controls/status.policy';
import type { CheckFailureList, ListedFailure } from '../check-failures.data';
import { historyText } from '../check-failures.policy';
import { AcceptRiskForm } from './accept-risk-form';
import { RevokeRiskButton } from './revoke-risk-button';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');
const where = (f: ListedFailure) => [f.accountId, f.region].filter(Boolean).join(' / ') || '—';

function Resource({ f }: { f: ListedFailure }) {
  return (
    <>
      <span className="font-mono text-xs break-all">{f.resource}</span>
      <span className="block text-xs text-slate-500">{where(f)}</span>
    </>
  );
}

function Check({ f }: { f: ListedFailure }) {
  return (
    <>
      {f.title}
      <span className="block font-mono text-xs text-slate-500">{f.checkId}</span>
    </>
  );
}

function OpenTable({ rows, orgSlug, canAccept }: { rows: ListedFailure[]; orgSlug: string; canAccept: boolean }) {
  return (
    <Table
      caption="Open failing checks: counted"
      columns={['Resource (account / Region)', 'Check', 'Severity', 'First seen', 'Last seen', 'Remediation', ...(canAccept ? [''] : [])]}
    >
      {rows.map((f) => (
        <tr key={f.id}>
          <td className="px-4 py-2">
            <Resource f={f} />
          </td>
          <td className="px-4 py-2">
            <Check f={f} />
          </td>
          <td className="px-4 py-2">{f.severity ?? '—'}</td>
          <td className="px-4 py-2 tabular-nums">{day(f.firstSeenAt)}</td>
          <td className="px-4 py-2 tabular-nums">{day(f.lastSeenAt)}</td>
          <td className="px-4 py-2 text-xs whitespace-pre-line">{f.remediation || '—'}</td>
          {canAccept && (
            <td className="px-4 py-2">
              <AcceptRiskForm orgSlug={orgSlug} failureId={f.id} version={f.version} />
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}

/**
 * A control's failing checks in one system: open ones (counted), risk-accepted ones, those the
 * tool suppressed (not counted), and the history of resolved ones.
 */
export function FailingChecks({
  list,
  failing,
  orgSlug,
  canAccept,
}: {
  list: CheckFailureList | undefined;
  /** The count the status shows (ControlState.failing): the same rule as the rows sorted here. */
  failing: number;
  orgSlug: string;
  canAccept: boolean;
}) {
  if (!list?.hasResults)
    return <p className="text-sm text-slate-600">No automated results for this control in this system yet: no scan has reached it.</p>;
  const { open, accepted, suppressed, resolved } = list;
  return (
    <div className="space-y-4 text-sm">
      <p className={failing ? 'font-medium text-red-800' : 'text-green-800'}>
        {failingText(failing) ?? 'No failing checks: every automated check on this control passes.'}
        {failing > 0 && ' — fix the resources below, or accept a failure as a risk with a justification and an expiry.'}
      </p>
      {open.length > 0 && <OpenTable rows={open} orgSlug={orgSlug} canAccept={canAccept} />}
      {accepted.length > 0 && (
        <div>
          <h5 className="mb-2 font-medium">Accepted as a risk (not counted until the acceptance ends)</h5>
          <Table
            caption="Failing checks accepted as a risk"
            columns={['Resource', 'Check', 'Justification', 'Accepted by', 'Until', ...(canAccept ? [''] : [])]}
          >
            {accepted.map((f) => (
              <tr key={f.id}>
                <td className="px-4 py-2">
                  <Resource f={f} />
                </td>
                <td className="px-4 py-2">
                  <Check f={f} />
                </td>
                <td className="px-4 py-2 whitespace-pre-line">{f.riskJustification}</td>
                <td className="px-4 py-2">
                  {f.riskAcceptedBy ?? '—'}
                  <span className="block text-xs text-slate-500">on {day(f.riskAcceptedAt)}</span>
                </td>
                <td className="px-4 py-2 tabular-nums">{day(f.riskAcceptedUntil)}</td>
                {canAccept && (
                  <td className="px-4 py-2">
                    <RevokeRiskButton orgSlug={orgSlug} failureId={f.id} version={f.version} resource={f.resource} />
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </div>
      )}
      {suppressed.length > 0 && (
        <div>
          <h5 className="mb-2 font-medium">Suppressed by the tool (not counted)</h5>
          <Table caption="Failing checks suppressed by the tool" columns={['Resource', 'Check', 'Severity', 'Last seen']}>
            {suppressed.map((f) => (
              <tr key={f.id}>
                <td className="px-4 py-2">
                  <Resource f={f} />
                </td>
                <td className="px-4 py-2">
                  <Check f={f} />
                </td>
                <td className="px-4 py-2">{f.severity ?? '—'}</td>
                <td className="px-4 py-2 tabular-nums">{day(f.lastSeenAt)}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {resolved.length > 0 && (
        <div>
          <h5 className="mb-2 font-medium">History: resolved by a later scan</h5>
          <ul className="space-y-1">
            {resolved.map((f) => (
              <li key={f.id}>
                <span className="font-mono text-xs break-all">{f.resource}</span> · {f.checkId}: {historyText(f)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {list.truncated && <p className="text-xs text-slate-500">Only the most recently seen failures are listed.</p>}
    </div>
  );
}
