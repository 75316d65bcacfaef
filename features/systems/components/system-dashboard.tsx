import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import type { getSystemDashboard } from '@/features/controls/controls.data';
import { STATUS_FILTERS } from '@/features/controls/register.policy';
import { RESPONSIBILITY_LABELS, RESPONSIBILITY_TYPES } from '@/features/controls/responsibility.policy';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { AWS_REGIONS, SERVICE_MODEL_LABELS } from '../service-catalog';
import type { SystemAwsAccountDto } from '../aws-accounts.data';
import { describeAwsAccounts } from '../aws-accounts.policy';
import { ArchiveSystemButton } from './archive-system-button';
import { SERVICE_MODEL_SUMMARIES, servicesByModel, unknownServices } from './service-models';

type Dashboard = Awaited<ReturnType<typeof getSystemDashboard>>;
type Summary = Dashboard['summary'];

const card = 'rounded-lg border border-slate-200 bg-white p-5';
const figureLink = 'flex items-baseline justify-between gap-3 rounded px-1 py-0.5 hover:bg-slate-50 hover:underline';
const BAR_COLOURS = { INHERITED: 'bg-sky-500', SHARED: 'bg-violet-500', CUSTOMER: 'bg-amber-500' } as const;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function SystemDashboard({
  orgSlug,
  dashboard: { system, summary },
  awsAccounts,
  canEdit,
}: {
  orgSlug: string;
  dashboard: Dashboard;
  awsAccounts: SystemAwsAccountDto[];
  canEdit: boolean;
}) {
  const register = `/${orgSlug}/controls?system=${system.id}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/systems`} className="text-brand-600 hover:underline">
          Systems
        </Link>
      </nav>
      <PageHeader
        title={system.name}
        description={system.description ? <span className="whitespace-pre-line">{system.description}</span> : undefined}
        actions={
          <div className="flex items-center gap-4">
            <Link
              href={`/${orgSlug}/systems/${system.id}/summary`}
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Compliance summary
            </Link>
            <Link href={`/${orgSlug}/systems/${system.id}/snapshots`} className="text-sm text-brand-600 hover:underline">
              Snapshots
            </Link>
            <Link href={`/${orgSlug}/systems/${system.id}/parameters`} className="text-sm text-brand-600 hover:underline">
              Parameters
            </Link>
            <Link href={`/${orgSlug}/systems/${system.id}/exports`} className="text-sm text-brand-600 hover:underline">
              Exports
            </Link>
            {canEdit && !system.archivedAt && (
              <Link
                href={`/${orgSlug}/systems/${system.id}/edit`}
                className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
              >
                Edit
              </Link>
            )}
            {canEdit && (
              <ArchiveSystemButton
                orgSlug={orgSlug}
                system={{ id: system.id, name: system.name, version: system.version, archivedAt: system.archivedAt }}
              />
            )}
          </div>
        }
      />
      {system.archivedAt && (
        <div className="mb-4">
          <Alert>
            Archived on {system.archivedAt.toISOString().slice(0, 10)} (UTC). It is left out of the list of systems until restored.
          </Alert>
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <section className={card}>
          <h2 className="text-sm font-semibold text-slate-700">Regions where the data lives</h2>
          <ul className="mt-3 space-y-1 text-sm">
            {system.regions.map((code) => (
              <li key={code}>
                {AWS_REGIONS[code as keyof typeof AWS_REGIONS] ?? code} <span className="text-xs text-slate-500">{code}</span>
              </li>
            ))}
          </ul>
        </section>
        <ServicesCard services={system.services} />
      </div>
      <AwsAccountsCard
        accounts={awsAccounts}
        editHref={canEdit && !system.archivedAt ? `/${orgSlug}/systems/${system.id}/edit` : null}
        findingsHref={`/${orgSlug}/findings`}
      />
      <h2 className="mb-3 mt-8 text-lg font-semibold">Controls for this system</h2>
      {summary.total === 0 ? (
        <section className={`${card} text-sm text-slate-600`}>
          <p>No controls in the register yet, so there is nothing to place on the line for this system.</p>
          <Link href={`/${orgSlug}/controls`} className="mt-3 inline-block font-medium text-brand-600 hover:underline">
            Load the AWS starter library or create controls
          </Link>
        </section>
      ) : (
        <Figures register={register} summary={summary} />
      )}
    </>
  );
}

function AwsAccountsCard({
  accounts,
  editHref,
  findingsHref,
}: {
  accounts: SystemAwsAccountDto[];
  editHref: string | null;
  findingsHref: string;
}) {
  return (
    <section aria-labelledby="aws-accounts-card" className={`${card} mt-4`}>
      <h2 id="aws-accounts-card" className="text-sm font-semibold text-slate-700">
        AWS accounts
      </h2>
      <p className="mt-2 text-sm">
        {accounts.length > 0 ? `Runs in AWS accounts: ${describeAwsAccounts(accounts)}` : 'No AWS account recorded yet.'}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        Findings from these accounts (and Regions) land on this system’s controls when they are{' '}
        <Link href={findingsHref} className="text-brand-600 hover:underline">
          uploaded on the Findings page
        </Link>{' '}
        or posted by a pipeline.
        {editHref && (
          <>
            {' '}
            <Link href={editHref} className="text-brand-600 hover:underline">
              {accounts.length > 0 ? 'Change the accounts' : 'Add an account'}
            </Link>{' '}
            on the system’s Edit page.
          </>
        )}
      </p>
    </section>
  );
}

function ServicesCard({ services }: { services: string[] }) {
  const groups = servicesByModel(services);
  const unknown = unknownServices(services);
  return (
    <section className={`${card} md:col-span-2`}>
      <h2 className="text-sm font-semibold text-slate-700">AWS services, by service model</h2>
      {services.length === 0 && <p className="mt-3 text-sm text-slate-600">No services yet: every control shows its default type.</p>}
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        {groups.map(({ model, services: inModel }) => (
          <div key={model}>
            <h3 id={`model-${model}`} className="text-sm font-medium">
              {SERVICE_MODEL_LABELS[model]}
            </h3>
            <p className="text-xs text-slate-500">{SERVICE_MODEL_SUMMARIES[model]}</p>
            <ul aria-labelledby={`model-${model}`} className="mt-1 list-disc pl-5 text-sm">
              {inModel.map((s) => (
                <li key={s.code}>
                  {s.name}
                  {s.global && (
                    <>
                      {' '}
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">global</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {unknown.length > 0 && <p className="text-sm text-slate-600">No longer in the catalog: {unknown.join(', ')}</p>}
      </div>
    </section>
  );
}

function Figures({ register, summary }: { register: string; summary: Summary }) {
  const mix = RESPONSIBILITY_TYPES.map((type) => `${summary.byType[type]} ${RESPONSIBILITY_LABELS[type].toLowerCase()}`).join(', ');
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section className={card}>
        <h3 className="text-sm font-semibold text-slate-700">Responsibility</h3>
        <p className="mt-2 text-2xl font-semibold">
          <Link href={register} className="hover:underline">
            {plural(summary.applicable, 'control')}
          </Link>{' '}
          <span className="text-base font-normal text-slate-600">apply here</span>
        </p>
        {summary.notApplicable > 0 && (
          <Link href={`${register}&status=NOT_APPLICABLE`} className="text-sm text-slate-600 hover:underline">
            {summary.notApplicable} not applicable to this system (left out of every figure)
          </Link>
        )}
        <div
          role="img"
          aria-label={`Responsibility mix of ${plural(summary.applicable, 'control')}: ${mix}`}
          className="mt-3 flex h-3 overflow-hidden rounded-full bg-slate-100"
        >
          {RESPONSIBILITY_TYPES.map((type) => (
            <div
              key={type}
              className={BAR_COLOURS[type]}
              style={{ width: `${summary.applicable ? (summary.byType[type] / summary.applicable) * 100 : 0}%` }}
            />
          ))}
        </div>
        <ul className="mt-3 space-y-1 text-sm">
          {RESPONSIBILITY_TYPES.map((type) => (
            <li key={type}>
              <Link href={`${register}&type=${type}`} className={figureLink}>
                <span className="flex items-center gap-2">
                  <span aria-hidden className={`inline-block size-2.5 rounded-sm ${BAR_COLOURS[type]}`} />
                  {RESPONSIBILITY_LABELS[type]}
                </span>
                <span className="font-semibold tabular-nums">{summary.byType[type]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className={card}>
        <h3 className="text-sm font-semibold text-slate-700">Owners of the customer half</h3>
        <Link
          href={`${register}&owner=none`}
          className={`mt-2 block text-2xl font-semibold hover:underline ${summary.withoutOwner > 0 ? 'text-amber-800' : ''}`}
        >
          {summary.withoutOwner} without an owner
        </Link>
        <p className="mt-1 text-sm text-slate-600">
          of {plural(summary.customerHalves, 'control')} with a customer half (shared or customer). Inherited controls need no owner here.
        </p>
      </section>
      <section className={card}>
        <h3 className="text-sm font-semibold text-slate-700">Failing checks</h3>
        <Link
          href={`${register}&failing=1`}
          className={`mt-2 block text-2xl font-semibold hover:underline ${summary.failing > 0 ? 'text-red-800' : ''}`}
        >
          {plural(summary.failing, 'control')} with failing checks
        </Link>
        <p className="mt-1 text-sm text-slate-600">
          Applicable controls on which the latest security-tool results in this system’s AWS accounts fail (accepted risks and suppressed
          findings apart).
        </p>
      </section>
      <section className={card}>
        <h3 className="text-sm font-semibold text-slate-700">Implementation status</h3>
        <ul className="mt-2 space-y-1 text-sm">
          {STATUS_FILTERS.map((status) => (
            <li key={status}>
              <Link href={`${register}&status=${status}`} className={figureLink}>
                <span>{STATUS_LABELS[status]}</span>
                <span className="font-semibold tabular-nums">{summary.byStatus[status]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
