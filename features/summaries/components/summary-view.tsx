import { Alert } from '@/components/ui/alert';
import { Table } from '@/components/ui/table';
import { RESPONSIBILITY_LABELS } from '@/features/controls/responsibility.policy';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { serviceName } from '@/features/systems/service-catalog';
import { failingControlsOf, type SummaryContent, type SummaryContentV1 } from '../summary.policy';
import { NotApplicableList, ReportList, StatusChart, SummaryFigures } from './summary-figures';
import { ControlTable, CoverageTable, GapTable } from './summary-tables';

function Scope({ summary }: { summary: SummaryContent }) {
  return (
    <p className="text-sm text-slate-600">
      {summary.organization} · {summary.system.name} · Regions {summary.system.regions.join(', ') || '—'} · services{' '}
      {summary.system.services.map(serviceName).join(', ') || '—'} · as of {summary.generatedAt.replace('T', ' ').slice(0, 16)} UTC
      {summary.framework && ` · only the controls mapped to ${summary.framework.name}`}
    </p>
  );
}

/** A snapshot frozen in the first format: shown as recorded, without the figures it did not keep. */
function OlderFormatView({ summary }: { summary: SummaryContentV1 }) {
  return (
    <div className="space-y-6">
      <Scope summary={summary} />
      <Alert>
        This snapshot was frozen in an older format: it records each control’s type, status, owner and evidence, but not applicability, the
        AWS and customer halves, or the evidence versions relied on. Freeze a new snapshot for those.
      </Alert>
      <Table caption="Controls as recorded in this snapshot" columns={['Control', 'Type', 'Status', 'Owner', 'Evidence']}>
        {summary.rows.map((row) => (
          <tr key={row.code}>
            <td className="px-4 py-2 font-mono text-xs">{row.code}</td>
            <td className="px-4 py-2">{RESPONSIBILITY_LABELS[row.type]}</td>
            <td className="px-4 py-2">{STATUS_LABELS[row.status]}</td>
            <td className="px-4 py-2">{row.owner ?? '—'}</td>
            <td className="px-4 py-2">{FRESHNESS_LABELS[row.evidence]}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

/** The compliance summary, live or frozen: the same view reads both. */
export function SummaryView({ summary }: { summary: SummaryContent }) {
  if (summary.schemaVersion === 1) return <OlderFormatView summary={summary} />;
  return (
    <div className="space-y-8">
      <Scope summary={summary} />
      {failingControlsOf(summary) > 0 && (
        <Alert tone="error">
          {failingControlsOf(summary)} {failingControlsOf(summary) === 1 ? 'control that applies has' : 'controls that apply have'} failing
          automated checks: they do not count as satisfied until the failures pass a scan or are accepted as a risk. See “Failing” in the
          controls below.
        </Alert>
      )}
      <SummaryFigures summary={summary} />
      <StatusChart summary={summary} />
      <CoverageTable summary={summary} />
      <GapTable summary={summary} />
      <NotApplicableList summary={summary} />
      <ReportList summary={summary} />
      <ControlTable summary={summary} />
    </div>
  );
}
