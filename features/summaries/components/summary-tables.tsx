import { CUSTOMERS_INHERIT_LABELS } from '@/features/controls/controls.schema';
import { FailingBadge } from '@/features/controls/components/failing-badge';
import { RESPONSIBILITY_LABELS } from '@/features/controls/responsibility.policy';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { FreshnessBadge } from '@/features/evidence/components/freshness-badge';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { COVERAGE_LABELS, COVERAGE_STATES, coveredShare } from '@/features/frameworks/frameworks.policy';
import { Table } from '@/components/ui/table';
import { failingOf, type HalfJson, type SummaryContentV2, type SummaryRow } from '../summary.policy';
import { share } from './summary-figures';

/** Requirement coverage per framework: every state with its count, in words. */
export function CoverageTable({ summary }: { summary: SummaryContentV2 }) {
  return (
    <section>
      <h2 className="mb-3 text-lg font-semibold">Requirement coverage</h2>
      {summary.frameworks.length === 0 ? (
        <p className="text-sm text-slate-600">No framework imported.</p>
      ) : (
        <Table
          caption="Requirement coverage per framework, by state"
          columns={['Framework', 'Requirements', ...COVERAGE_STATES.map((s) => COVERAGE_LABELS[s]), 'Covered share']}
        >
          {summary.frameworks.map((f) => {
            const { covered, of } = coveredShare(f.states);
            return (
              <tr key={f.id}>
                <td className="px-4 py-2 font-medium">{f.name}</td>
                <td className="px-4 py-2 tabular-nums">{f.requirements}</td>
                {COVERAGE_STATES.map((s) => (
                  <td key={s} className="px-4 py-2 tabular-nums">
                    {f.states[s]}
                  </td>
                ))}
                <td className="px-4 py-2 tabular-nums">
                  {covered} of {of} ({share(covered, of)})
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}

export function GapTable({ summary }: { summary: SummaryContentV2 }) {
  return (
    <section>
      <h2 className="mb-3 text-lg font-semibold">Top gaps</h2>
      {summary.gaps.length === 0 ? (
        <p className="text-sm text-slate-600">
          No gaps: every control that applies is implemented, both halves, with an owner and current evidence.
        </p>
      ) : (
        <>
          <Table caption="Top gaps, most reasons first" columns={['Control', 'Type', 'Owner', 'Gap']}>
            {summary.gaps.map((g) => (
              <tr key={g.code}>
                <td className="px-4 py-2">
                  <span className="font-mono text-xs">{g.code}</span> {g.title}
                </td>
                <td className="px-4 py-2">{RESPONSIBILITY_LABELS[g.type]}</td>
                <td className="px-4 py-2">{g.owner ?? '—'}</td>
                <td className="px-4 py-2 text-amber-800">{g.reasons.join(' · ')}</td>
              </tr>
            ))}
          </Table>
          {summary.gapCount > summary.gaps.length && (
            <p className="mt-2 text-xs text-slate-500">
              {summary.gapCount - summary.gaps.length} more controls have gaps; every control is listed below.
            </p>
          )}
        </>
      )}
    </section>
  );
}

const half = (label: string, h: HalfJson | null) =>
  h && `${label}: ${FRESHNESS_LABELS[h.state].toLowerCase()}${h.validUntil ? `, valid until ${h.validUntil}` : ''}`;

function EvidenceCell({ row }: { row: SummaryRow }) {
  if (!row.applies) return <>—</>;
  const halves = [half('AWS half', row.evidence.aws), half('Customer half', row.evidence.customer)].filter(Boolean);
  return (
    <div className="space-y-1">
      <FreshnessBadge state={row.evidence.overall} />
      {halves.map((h) => (
        <p key={h} className="text-xs text-slate-500">
          {h}
        </p>
      ))}
    </div>
  );
}

/** Every control: both halves, the overall status, owner, evidence, next review and the team's customers' part, in words. */
export function ControlTable({ summary }: { summary: SummaryContentV2 }) {
  return (
    <section>
      <h2 className="mb-3 text-lg font-semibold">Controls ({summary.rows.length})</h2>
      <Table
        caption="Every control with its halves, status, owner and evidence"
        columns={['Control', 'Type', 'AWS half', 'Customer half', 'Status', 'Owner', 'Evidence', 'Next review', 'Your customers’ part']}
      >
        {summary.rows.map((row) => (
          <tr key={row.code}>
            <td className="px-4 py-2">
              <span className="font-mono text-xs">{row.code}</span> {row.title}
            </td>
            <td className="px-4 py-2">{RESPONSIBILITY_LABELS[row.type]}</td>
            <td className="px-4 py-2 text-xs">{row.aws?.text ?? '—'}</td>
            <td className="px-4 py-2">{row.customer ? STATUS_LABELS[row.customer.status] : '—'}</td>
            <td className="px-4 py-2">
              {row.applicability ?? row.statusLabel} <FailingBadge failing={failingOf(row)} />
            </td>
            <td className="px-4 py-2">
              {row.owner ? (
                <>
                  {row.owner.name}
                  <span className="block text-xs text-slate-500">{row.owner.email}</span>
                </>
              ) : (
                '—'
              )}
            </td>
            <td className="px-4 py-2">
              <EvidenceCell row={row} />
            </td>
            <td className="px-4 py-2 tabular-nums">{row.nextReviewAt ?? '—'}</td>
            <td className="px-4 py-2 text-xs">
              {row.customers ? (
                <>
                  {row.customers.responsibility || 'No responsibility written'}
                  <span className="block text-slate-500">
                    Can be inherited by your customers: {CUSTOMERS_INHERIT_LABELS[row.customers.inherit ?? '']}
                  </span>
                </>
              ) : (
                'Not said'
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
