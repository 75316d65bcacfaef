import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { FailingBadge } from '@/features/controls/components/failing-badge';
import { ResponsibilityBadge } from '@/features/controls/components/responsibility-badge';
import { explainResponsibility } from '@/features/controls/responsibility.policy';
import { ControlFreshnessSummary } from '@/features/evidence/components/freshness-badge';
import type { listMyControls } from '../owners.data';
import { ATTENTION_LABELS } from '../owners.policy';
import { awsHalfText, halvesText, statusLabel } from '@/features/controls/status.policy';
import { Table } from '@/components/ui/table';

type Rows = Awaited<ReturnType<typeof listMyControls>>;

export function MyControls({ orgSlug, rows }: { orgSlug: string; rows: Rows }) {
  const needing = rows.filter((r) => r.attention.length > 0).length;
  return (
    <>
      <PageHeader
        title="My controls"
        description="The customer halves you own, in every system. What is missing, expiring or overdue comes first: renew those next."
      />
      {rows.length === 0 ? (
        <Alert>
          You own no controls yet. Owners are assigned on a control’s page or in bulk from the{' '}
          <Link href={`/${orgSlug}/controls`} className="font-medium text-brand-600 hover:underline">
            control register
          </Link>
          .
        </Alert>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700" role="status">
            {needing === 0 ? `All ${rows.length} are in order.` : `${needing} of ${rows.length} need your attention.`}
          </p>
          <Table caption="Controls you own" columns={['Control', 'System', 'Responsibility', 'Status', 'Evidence', 'Next review', 'Needs']}>
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="px-4 py-3">
                  <Link
                    href={`/${orgSlug}/controls/${row.controlId}?system=${row.systemId}`}
                    className="font-medium text-brand-600 hover:underline"
                  >
                    {row.code}
                  </Link>
                  <span className="block">{row.title}</span>
                </td>
                <td className="px-4 py-3">{row.systemName}</td>
                <td className="max-w-xs px-4 py-3">
                  <ResponsibilityBadge type={row.effective.type} />
                  <p className="mt-1 text-xs text-slate-500">{explainResponsibility(row.effective)}</p>
                </td>
                <td className="max-w-xs px-4 py-3">
                  <RowStatus state={row.state} />
                </td>
                <td className="px-4 py-3">
                  <ControlFreshnessSummary freshness={row.freshness} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">{row.nextReviewAt?.toISOString().slice(0, 10) ?? '—'}</td>
                <td className="px-4 py-3">
                  {row.attention.length === 0 ? (
                    <span className="text-green-700">Nothing</span>
                  ) : (
                    <ul className="space-y-0.5 text-amber-800">
                      {row.attention.map((a) => (
                        <li key={a}>{ATTENTION_LABELS[a]}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

/** The overall status; for a shared control, both halves and what covers the AWS one. */
function RowStatus({ state }: { state: Rows[number]['state'] }) {
  const halves = halvesText(state);
  return (
    <>
      <span className="whitespace-nowrap">{statusLabel(state)}</span> <FailingBadge failing={state.failing} />
      {halves && <p className="mt-1 text-xs text-slate-600">{halves}</p>}
      {state.aws && state.aws.state !== 'NO_REPORT' && <p className="mt-1 text-xs text-slate-500">{awsHalfText(state.aws)}</p>}
    </>
  );
}
