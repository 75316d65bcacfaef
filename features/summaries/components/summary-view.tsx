import { FreshnessBadge } from '@/features/evidence/components/freshness-badge';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { RESPONSIBILITY_LABELS } from '@/features/controls/responsibility.policy';
import { serviceName } from '@/features/systems/service-catalog';
import { percent, type SummaryContent } from '../summary.policy';
import { Table } from '@/components/ui/table';

const STATUS_ORDER = ['IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE', 'NOT_STARTED'] as const;
const STATUS_COLORS: Record<(typeof STATUS_ORDER)[number], string> = {
  IMPLEMENTED: 'bg-green-600',
  PARTIALLY_IMPLEMENTED: 'bg-lime-400',
  PLANNED: 'bg-amber-400',
  NOT_APPLICABLE: 'bg-slate-400',
  NOT_STARTED: 'bg-slate-200',
};

const share = (part: number, whole: number) => {
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

/** The compliance summary, live or frozen: the same view reads both. */
export function SummaryView({ summary }: { summary: SummaryContent }) {
  const { controls, owners, evidence } = summary;
  const withEvidence = evidence.current + evidence.expiring;
  return (
    <div className="space-y-8">
      <p className="text-sm text-slate-600">
        {summary.organization} · {summary.system.name} · Regions {summary.system.regions.join(', ') || '—'} · services{' '}
        {summary.system.services.map(serviceName).join(', ') || '—'} · as of {summary.generatedAt.replace('T', ' ').slice(0, 16)} UTC
        {summary.framework && ` · only the controls mapped to ${summary.framework.name}`}
      </p>

      <div className="grid gap-4 sm:grid-cols-4">
        <Figure
          label="Controls"
          value={String(controls.total)}
          detail={`${controls.byType.INHERITED} inherited · ${controls.byType.SHARED} shared · ${controls.byType.CUSTOMER} customer`}
        />
        <Figure
          label="Customer halves with an owner"
          value={share(owners.withOwner, owners.customerHalves)}
          detail={`${owners.withOwner} of ${owners.customerHalves}`}
        />
        <Figure
          label="Controls with current accepted evidence"
          value={share(withEvidence, controls.total)}
          detail={`${withEvidence} of ${controls.total}`}
        />
        <Figure
          label="Evidence expiring / expired"
          value={`${evidence.expiring} / ${evidence.expired}`}
          detail={`${evidence.missing} controls have none`}
        />
      </div>

      <section>
        <h2 className="mb-3 text-lg font-semibold">Implementation by responsibility type</h2>
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          {(['INHERITED', 'SHARED', 'CUSTOMER'] as const).map((type) => {
            const counts = controls.byTypeAndStatus[type];
            const total = controls.byType[type];
            const text = STATUS_ORDER.map((s) => `${counts[s]} ${STATUS_LABELS[s].toLowerCase()}`).join(', ');
            return (
              <div key={type} className="grid items-center gap-3 sm:grid-cols-[8rem_1fr_18rem]">
                <span className="text-sm font-medium">
                  {RESPONSIBILITY_LABELS[type]} ({total})
                </span>
                <div
                  role="img"
                  aria-label={`${RESPONSIBILITY_LABELS[type]}: ${text}`}
                  className="flex h-4 overflow-hidden rounded bg-slate-100"
                >
                  {total > 0 &&
                    STATUS_ORDER.map(
                      (s) =>
                        counts[s] > 0 && <div key={s} className={STATUS_COLORS[s]} style={{ width: `${(counts[s] / total) * 100}%` }} />,
                    )}
                </div>
                <span className="text-xs text-slate-600">{text}</span>
              </div>
            );
          })}
          <ul className="flex flex-wrap gap-4 pt-2 text-xs text-slate-600" aria-hidden>
            {STATUS_ORDER.map((s) => (
              <li key={s} className="flex items-center gap-1.5">
                <span className={`inline-block h-3 w-3 rounded-sm ${STATUS_COLORS[s]}`} /> {STATUS_LABELS[s]}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section>
        <h2 className="mb-3 text-lg font-semibold">AWS Artifact reports</h2>
        {summary.reports.length === 0 ? (
          <p className="text-sm text-slate-600">No provider report recorded: inherited controls and the AWS halves have no evidence.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {summary.reports.map((r) => (
              <li key={`${r.artifactReportId}-${r.periodEnd}`} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <span className="font-medium">{r.title}</span>
                <span className="font-mono text-xs text-slate-500">{r.artifactReportId}</span>
                <span>
                  period {r.periodStart} – {r.periodEnd}, covers until {r.validUntil}
                </span>
                <FreshnessBadge state={r.state} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2 className="mb-3 text-lg font-semibold">Framework coverage</h2>
        {summary.frameworks.length === 0 ? (
          <p className="text-sm text-slate-600">No framework imported.</p>
        ) : (
          <Table caption="Requirement coverage per framework" columns={['Framework', 'Requirements', 'Mapped', 'Covered']}>
            {summary.frameworks.map((f) => (
              <tr key={f.name}>
                <td className="px-4 py-2 font-medium">{f.name}</td>
                <td className="px-4 py-2 tabular-nums">{f.requirements}</td>
                <td className="px-4 py-2 tabular-nums">{f.mapped}</td>
                <td className="px-4 py-2 tabular-nums">
                  {f.covered} ({share(f.covered, f.requirements)})
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section>
        <h2 className="mb-3 text-lg font-semibold">Top gaps</h2>
        {summary.gaps.length === 0 ? (
          <p className="text-sm text-slate-600">No gaps: every customer half has an owner and every control has current evidence.</p>
        ) : (
          <Table caption="Top gaps, most reasons first" columns={['Control', 'Type', 'Owner', 'Gap']}>
            {summary.gaps.map((g) => (
              <tr key={g.code}>
                <td className="px-4 py-2">
                  <span className="font-mono text-xs">{g.code}</span> {g.title}
                </td>
                <td className="px-4 py-2">{RESPONSIBILITY_LABELS[g.type]}</td>
                <td className="px-4 py-2">{g.owner ?? '—'}</td>
                <td className="px-4 py-2 text-amber-800">{g.reasons.join(', ')}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
