import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '@/features/controls/responsibility.policy';
import { FreshnessBadge } from '@/features/evidence/components/freshness-badge';
import { Table } from '@/components/ui/table';
import { cellsText, percent, readiness, type StatusCell, type SummaryContentV2 } from '../summary.policy';

export const share = (part: number, whole: number) => {
  const p = percent(part, whole);
  return p === null ? '—' : `${p}%`;
};

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold">{value}</p>
      <p className="text-xs text-slate-500">{detail}</p>
    </div>
  );
}

/** Headline figures: readiness, controls that apply, owners of their customer halves, their evidence. */
export function SummaryFigures({ summary }: { summary: SummaryContentV2 }) {
  const { controls, owners, evidence } = summary;
  const withEvidence = evidence.current + evidence.expiring;
  const ready = readiness(summary.rows);
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <Figure
        label="Readiness"
        value={share(ready.implemented, ready.applicable)}
        detail={`${ready.implemented} of ${ready.applicable} that apply implemented, both halves, with current evidence and no failing check`}
      />
      <Figure
        label="Controls that apply"
        value={String(controls.applicable)}
        detail={`of ${controls.total} · ${controls.notApplicable} not applicable · ${controls.byType.INHERITED} inherited · ${controls.byType.SHARED} shared · ${controls.byType.CUSTOMER} customer`}
      />
      <Figure
        label="Customer halves with an owner"
        value={share(owners.withOwner, owners.customerHalves)}
        detail={`${owners.withOwner} of ${owners.customerHalves}`}
      />
      <Figure
        label="Controls with current accepted evidence"
        value={share(withEvidence, controls.applicable)}
        detail={`${withEvidence} of ${controls.applicable} that apply`}
      />
      <Figure
        label="Evidence expiring / expired"
        value={`${evidence.expiring} / ${evidence.expired}`}
        detail={`${evidence.missing} controls have none`}
      />
    </div>
  );
}

const CELL_COLORS: Record<StatusCell['key'], string> = {
  IMPLEMENTED: 'bg-green-600',
  PARTIALLY_IMPLEMENTED: 'bg-lime-400',
  PLANNED: 'bg-amber-400',
  NOT_STARTED: 'bg-slate-300',
  REPORT_EXPIRED: 'bg-red-400',
  NO_REPORT: 'bg-slate-300',
};

/** Stacked bars per responsibility type, the numbers in words beside them (readable without colour). */
export function StatusChart({ summary }: { summary: SummaryContentV2 }) {
  const { controls } = summary;
  return (
    <section>
      <h2 className="mb-3 text-lg font-semibold">Implementation by responsibility type</h2>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        {RESPONSIBILITY_TYPES.map((type) => {
          const cells = controls.byTypeAndStatus[type];
          const total = controls.byType[type];
          const text = cellsText(cells);
          return (
            <div key={type} className="grid items-center gap-3 sm:grid-cols-[8rem_1fr_20rem]">
              <span className="text-sm font-medium">
                {RESPONSIBILITY_LABELS[type]} ({total})
              </span>
              <div
                role="img"
                aria-label={`${RESPONSIBILITY_LABELS[type]}: ${text}`}
                className="flex h-4 overflow-hidden rounded bg-slate-100"
              >
                {total > 0 &&
                  cells.map(
                    (c) =>
                      c.count > 0 && (
                        <div key={c.key} title={c.label} className={CELL_COLORS[c.key]} style={{ width: `${(c.count / total) * 100}%` }} />
                      ),
                  )}
              </div>
              <span className="text-xs text-slate-600">{text}</span>
            </div>
          );
        })}
        <p className="pt-2 text-xs text-slate-500">
          Only controls that apply to this system are counted; {controls.notApplicable} do not apply (listed below).
        </p>
      </div>
    </section>
  );
}

/** Controls that do not apply, each with the reason (the owner's justification or the services). */
export function NotApplicableList({ summary }: { summary: SummaryContentV2 }) {
  return (
    <section>
      <h2 className="mb-3 text-lg font-semibold">Not applicable ({summary.notApplicableControls.length})</h2>
      {summary.notApplicableControls.length === 0 ? (
        <p className="text-sm text-slate-600">Every control applies to this system.</p>
      ) : (
        <Table caption="Controls that do not apply, with the reason" columns={['Control', 'Type', 'Reason']}>
          {summary.notApplicableControls.map((c) => (
            <tr key={c.code}>
              <td className="px-4 py-2">
                <span className="font-mono text-xs">{c.code}</span> {c.title}
              </td>
              <td className="px-4 py-2">{RESPONSIBILITY_LABELS[c.type]}</td>
              <td className="px-4 py-2">{c.reason}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export function ReportList({ summary }: { summary: SummaryContentV2 }) {
  return (
    <section>
      <h2 className="mb-3 text-lg font-semibold">AWS Artifact reports</h2>
      {summary.reports.length === 0 ? (
        <p className="text-sm text-slate-600">No provider report recorded: inherited controls and the AWS halves have no evidence.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {summary.reports.map((r) => (
            <li key={r.evidenceId} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <span className="font-medium">{r.title}</span>
              <span className="font-mono text-xs text-slate-500">{r.artifactReportId}</span>
              <span>
                period {r.periodStart} – {r.periodEnd}, covers until {r.validUntil}
              </span>
              <FreshnessBadge state={r.state} />
              {r.superseded && <span className="text-xs text-slate-500">Superseded</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
