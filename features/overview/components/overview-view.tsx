import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import type { Overview } from '../overview.data';
import { ReadinessChart } from './readiness-chart';
import { TrendChart } from './trend-chart';
import { AttentionLists } from './attention-lists';

type Props = { orgSlug: string; overview: Overview };

type ViewProps = Props & { roleLabel: string };

export const figureText = (f: { percent: number | null; implemented?: number; covered?: number; applicable?: number; of?: number }) => {
  const part = f.implemented ?? f.covered ?? 0;
  const whole = f.applicable ?? f.of ?? 0;
  return f.percent === null ? '— (nothing applies)' : `${f.percent}% — ${part} of ${whole}`;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

function GettingStarted({ orgSlug, overview }: Props) {
  if (overview.systems.length > 0 && overview.controls > 0) return null;
  return (
    <section className="mb-6 rounded-lg border border-brand-600/20 bg-brand-50 p-5 text-sm">
      <h2 className="font-semibold text-slate-800">Getting started</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
        <li className={overview.systems.length ? 'line-through' : undefined}>
          <Link href={`/${orgSlug}/systems/new`} className="text-brand-600 hover:underline">
            Describe a system
          </Link>{' '}
          and tick the AWS services it uses.
        </li>
        <li className={overview.controls ? 'line-through' : undefined}>
          <Link href={`/${orgSlug}/controls`} className="text-brand-600 hover:underline">
            Load the AWS starter library
          </Link>{' '}
          or create your own controls.
        </li>
        <li>Assign an owner to every customer half, from the control register.</li>
      </ol>
    </section>
  );
}

function SystemTable({ orgSlug, overview }: Props) {
  return (
    <Table
      caption="Readiness, framework coverage, failing checks and the last signed snapshot of each system"
      columns={['System', 'Readiness', 'Frameworks (requirements covered)', 'Failing checks', 'Last signed snapshot']}
    >
      {overview.systems.map((s) => (
        <tr key={s.id} data-system={s.name}>
          <th scope="row" className="px-4 py-2 text-left font-medium">
            <Link href={`/${orgSlug}/systems/${s.id}/summary`} className="text-brand-600 hover:underline">
              {s.name}
            </Link>
          </th>
          <td className="px-4 py-2" data-figure="readiness">
            {figureText(s.readiness)}
          </td>
          <td className="px-4 py-2">
            {s.frameworks.length === 0 ? (
              <span className="text-slate-500">No framework imported</span>
            ) : (
              <ul className="space-y-0.5">
                {s.frameworks.map((f) => (
                  <li key={f.id}>
                    <Link href={`/${orgSlug}/frameworks/${f.id}?system=${s.id}`} className="hover:underline">
                      {f.name}
                    </Link>
                    : {figureText(f)}
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td className="px-4 py-2">
            {s.failingControls === 0 ? (
              'None'
            ) : (
              <Link href={`/${orgSlug}/controls?system=${s.id}&failing=1`} className="text-red-700 hover:underline">
                {s.failingControls} {s.failingControls === 1 ? 'control' : 'controls'} failing
              </Link>
            )}
          </td>
          <td className="px-4 py-2">
            {s.lastSigned ? (
              <Link href={`/${orgSlug}/systems/${s.id}/snapshots/${s.lastSigned.id}`} className="hover:underline">
                Signed {day(s.lastSigned.signedAt)} by {s.lastSigned.signedBy}
              </Link>
            ) : (
              <span className="text-slate-500">None signed off yet</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** The overview: "are we ready?" per system and framework, the trend, and what needs doing next. */
export function OverviewView({ orgSlug, overview, roleLabel }: ViewProps) {
  return (
    <>
      <PageHeader
        title={overview.name}
        actions={
          <p className="text-sm text-slate-600">
            Your role: <span className="font-medium text-slate-800">{roleLabel}</span>
          </p>
        }
        description="Are we ready? Readiness is the share of the controls that apply to a system that are implemented — both the AWS half and yours — with current evidence and no failing check: the same figure as the system's compliance summary. Framework figures are the share of requirements covered, as on the summary."
      />
      <GettingStarted orgSlug={orgSlug} overview={overview} />
      <section aria-labelledby="readiness-heading" className="mb-8 space-y-3">
        <h2 id="readiness-heading" className="text-lg font-semibold">
          Readiness by system
        </h2>
        {overview.systems.length === 0 ? (
          <p className="text-sm text-slate-600">No system yet: readiness is measured per system once one is described.</p>
        ) : (
          <>
            <ReadinessChart
              bars={overview.systems.map((s) => ({ name: s.name, percent: s.readiness.percent, text: figureText(s.readiness) }))}
            />
            <SystemTable orgSlug={orgSlug} overview={overview} />
          </>
        )}
      </section>
      <section aria-labelledby="trend-heading" className="mb-8 space-y-3">
        <h2 id="trend-heading" className="text-lg font-semibold">
          Trend over the last 90 days
        </h2>
        <p className="text-sm text-slate-600">
          Recorded once a day by a background job (UTC days): each system’s readiness and each framework’s covered share.
        </p>
        {overview.trend === null ? (
          <p className="text-sm text-slate-600">
            The recorded trend counts evidence outside your audit period, so it is not shown to you; the figures above are within it.
          </p>
        ) : overview.trend.length === 0 ? (
          <p className="text-sm text-slate-600">No system yet, so nothing is recorded.</p>
        ) : (
          <TrendChart series={overview.trend} />
        )}
      </section>
      <AttentionLists orgSlug={orgSlug} overview={overview} />
    </>
  );
}
