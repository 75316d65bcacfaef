import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { AddEvidenceForm } from '@/features/evidence/components/add-evidence-form';
import { ControlEvidenceList } from '@/features/evidence/components/control-evidence';
import { ControlFreshnessSummary } from '@/features/evidence/components/freshness-badge';
import type { listControlEvidence } from '@/features/evidence/evidence.data';
import { ControlRequirements } from '@/features/frameworks/components/control-requirements';
import { ImplementationForm } from '@/features/owners/components/implementation-form';
import { applicabilityText } from '@/features/controls/status.policy';
import { serviceName } from '@/features/systems/service-catalog';
import { ControlStateSummary } from './control-state';
import { FailingChecks } from '@/features/check-failures/components/failing-checks';
import type { listControlCheckFailures } from '@/features/check-failures/check-failures.data';
import { can, type OrgContext } from '@/lib/auth/permissions';
import { OneRecordForms } from '@/lib/latest-saved';
import type { ControlDetail as Control } from '../controls.data';
import { CADENCE_LABELS, CUSTOMERS_INHERIT_LABELS, formatNistIds } from '../controls.schema';
import { explainResponsibility, RESPONSIBILITY_LABELS } from '../responsibility.policy';
import { ArchiveControlButton } from './archive-control-button';
import { ResponsibilityBadge } from './responsibility-badge';
import { CustomersPartForm } from './customers-part-form';
import { ServiceLinesEditor } from './service-lines-editor';

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function ControlDetail({
  ctx,
  control,
  owners,
  evidence,
  failures,
  maxUploadMb,
  focusSystemId,
}: {
  ctx: OrgContext;
  control: Control;
  owners: { id: string; name: string }[];
  evidence: Awaited<ReturnType<typeof listControlEvidence>>;
  failures: Awaited<ReturnType<typeof listControlCheckFailures>>;
  maxUploadMb: number;
  focusSystemId?: string;
}) {
  const canEdit = can(ctx.role, 'controls.edit');
  const canImplement = can(ctx.role, 'implementations.edit') && !control.archivedAt;
  const systems = [...control.systems].sort((a, b) => Number(b.id === focusSystemId) - Number(a.id === focusSystemId));
  return (
    <>
      <PageHeader
        title={`${control.code} · ${control.title}`}
        description={control.description || undefined}
        actions={
          canEdit && (
            <div className="flex items-start gap-3">
              {!control.archivedAt && (
                <Link
                  href={`/${ctx.orgSlug}/controls/${control.id}/edit`}
                  className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
                >
                  Edit
                </Link>
              )}
              <ArchiveControlButton
                orgSlug={ctx.orgSlug}
                id={control.id}
                version={control.version}
                archived={Boolean(control.archivedAt)}
                code={control.code}
              />
            </div>
          )
        }
      />
      {control.archivedAt && (
        <div className="mb-4">
          <Alert>Archived on {isoDate(control.archivedAt)}: not in the register or dashboards.</Alert>
        </div>
      )}
      <dl className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-5">
        <div>
          <dt className="text-slate-500">Default type</dt>
          <dd className="mt-1">
            <ResponsibilityBadge type={control.defaultType} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Family</dt>
          <dd className="mt-1">{control.family}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Evidence cadence</dt>
          <dd className="mt-1">{CADENCE_LABELS[control.cadence]}</dd>
        </div>
        <div>
          <dt className="text-slate-500">NIST SP 800-53 rev5</dt>
          <dd className="mt-1">{control.nistIds.length ? formatNistIds(control.nistIds) : '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Applies to</dt>
          <dd className="mt-1">
            {control.appliesTo.length ? `Systems that use ${control.appliesTo.map(serviceName).join(' or ')}` : 'Every system'}
          </dd>
        </div>
      </dl>
      <div className="mb-8 grid gap-4 sm:grid-cols-2">
        <section className="rounded-lg border border-sky-200 bg-sky-50/50 p-5">
          <h2 className="text-sm font-semibold text-sky-900">AWS side — security of the cloud</h2>
          <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{control.awsStatement || 'Not described.'}</p>
        </section>
        <section className="rounded-lg border border-amber-200 bg-amber-50/50 p-5">
          <h2 className="text-sm font-semibold text-amber-900">Customer side — security in the cloud</h2>
          <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{control.customerStatement || 'Not described.'}</p>
        </section>
      </div>

      <h2 className="mb-1 text-lg font-semibold">Where the line sits, per system</h2>
      <p className="mb-4 text-sm text-slate-600">Derived from the services each system uses and the service lines below.</p>
      {systems.length === 0 ? (
        <Alert>
          No systems yet.{' '}
          <Link href={`/${ctx.orgSlug}/systems/new`} className="font-medium text-brand-600 hover:underline">
            Describe one
          </Link>{' '}
          to see this control’s type for it.
        </Alert>
      ) : (
        <div className="mb-8 space-y-4">
          {systems.map((system) => {
            const impl = system.implementation;
            return (
              <section key={system.id} id={`system-${system.id}`} className="rounded-lg border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-center gap-3">
                  <h3 className="font-semibold">
                    <Link href={`/${ctx.orgSlug}/systems/${system.id}`} className="hover:underline">
                      {system.name}
                    </Link>
                  </h3>
                  <ResponsibilityBadge type={system.effective.type} />
                </div>
                <p className="mt-1 text-sm text-slate-700">{explainResponsibility(system.effective)}</p>
                <div className="mt-2 flex items-start gap-2 text-sm">
                  <span className="text-slate-500">Status:</span>
                  <ControlStateSummary state={system.state} />
                </div>
                {system.state.applicability.applies && (
                  <div className="mt-2 flex items-start gap-2 text-sm">
                    <span className="text-slate-500">Evidence:</span>
                    <ControlFreshnessSummary freshness={system.freshness} />
                  </div>
                )}
                {system.state.applicability.applies && (
                  <section className="mt-4 border-t border-slate-200 pt-4" aria-label={`Failing checks in ${system.name}`}>
                    <h4 className="mb-2 text-sm font-semibold text-slate-900">Failing checks</h4>
                    <FailingChecks
                      list={failures.get(system.id)}
                      failing={system.state.failing}
                      orgSlug={ctx.orgSlug}
                      canAccept={can(ctx.role, 'risks.accept') && !control.archivedAt}
                    />
                  </section>
                )}
                {system.effective.type === 'INHERITED' && (
                  <p className="mt-1 text-xs text-slate-500">Inherited: its evidence is AWS’s own attestation (an AWS Artifact report).</p>
                )}
                {canImplement && !system.state.applicability.applies && system.state.applicability.by === 'service' ? (
                  // Bound to services this system does not use: no customer half, nothing to record.
                  <p className="mt-2 text-sm text-slate-600">{applicabilityText(system.state.applicability)}.</p>
                ) : canImplement ? (
                  <details className="mt-4" open={system.id === focusSystemId}>
                    <summary className="cursor-pointer text-sm font-medium text-brand-600">
                      {system.effective.type === 'INHERITED'
                        ? 'Applicability to this system'
                        : `Owner and implementation (${RESPONSIBILITY_LABELS[system.effective.type].toLowerCase()} half)`}
                    </summary>
                    <OneRecordForms>
                      <div className="mt-4">
                        <ImplementationForm
                          orgSlug={ctx.orgSlug}
                          controlId={control.id}
                          systemId={system.id}
                          owners={owners}
                          inherited={system.effective.type === 'INHERITED'}
                          initial={{
                            version: impl?.version ?? 0,
                            status: impl?.status ?? 'NOT_STARTED',
                            narrative: impl?.narrative ?? '',
                            justification: impl?.justification ?? '',
                            ownerId: impl?.ownerId ?? '',
                            nextReviewAt: isoDate(impl?.nextReviewAt ?? null),
                          }}
                        />
                      </div>
                      <section className="mt-6 border-t border-slate-200 pt-4" aria-label={`Your customers’ part in ${system.name}`}>
                        <h4 className="mb-2 text-sm font-semibold text-slate-900">Your customers’ part</h4>
                        <CustomersPartForm
                          orgSlug={ctx.orgSlug}
                          controlId={control.id}
                          systemId={system.id}
                          initial={{
                            version: impl?.version ?? 0,
                            customersResponsibility: impl?.customersResponsibility ?? '',
                            customersInherit: impl?.customersInherit ?? '',
                            plannedCompletionAt: isoDate(impl?.plannedCompletionAt ?? null),
                          }}
                        />
                      </section>
                    </OneRecordForms>
                  </details>
                ) : (
                  impl && (
                    <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
                      <div>
                        <dt className="text-slate-500">Owner</dt>
                        <dd>{owners.find((o) => o.id === impl.ownerId)?.name ?? '—'}</dd>
                      </div>
                      <div>
                        <dt className="text-slate-500">Next review</dt>
                        <dd>{isoDate(impl.nextReviewAt) || '—'}</dd>
                      </div>
                      <div className="sm:col-span-3">
                        <dt className="text-slate-500">Narrative</dt>
                        <dd className="whitespace-pre-line">{impl.narrative || '—'}</dd>
                      </div>
                      <div className="sm:col-span-2">
                        <dt className="text-slate-500">Your customers’ responsibility</dt>
                        <dd className="whitespace-pre-line">{impl.customersResponsibility || '—'}</dd>
                      </div>
                      <div>
                        <dt className="text-slate-500">Can be inherited by your customers</dt>
                        <dd>{CUSTOMERS_INHERIT_LABELS[impl.customersInherit ?? '']}</dd>
                      </div>
                    </dl>
                  )
                )}
              </section>
            );
          })}
        </div>
      )}

      <div className="mb-8">
        <ControlRequirements ctx={ctx} controlId={control.id} />
      </div>

      <h2 className="mb-1 text-lg font-semibold">Evidence</h2>
      <p className="mb-4 text-sm text-slate-600">
        Accepted evidence keeps the customer half current for one {CADENCE_LABELS[control.cadence].toLowerCase()} period from the date it
        was true; an AWS Artifact report covers the AWS half until its period ends plus the grace.
      </p>
      <div className="mb-8 space-y-4">
        <ControlEvidenceList orgSlug={ctx.orgSlug} items={evidence} />
        {can(ctx.role, 'evidence.upload') && !control.archivedAt && (
          <details className="rounded-lg border border-slate-200 bg-white p-5">
            <summary className="cursor-pointer text-sm font-medium text-brand-600">Add evidence</summary>
            <div className="mt-4">
              <AddEvidenceForm
                orgSlug={ctx.orgSlug}
                controlId={control.id}
                systems={control.systems.map((s) => ({ id: s.id, name: s.name }))}
                maxMb={maxUploadMb}
              />
            </div>
          </details>
        )}
      </div>

      <h2 className="mb-1 text-lg font-semibold">The line per service</h2>
      <p className="mb-4 text-sm text-slate-600">
        How each AWS service moves the line for this control. A system takes the type that leaves it the most to do among the services it
        uses; with none of them listed, the default applies.
      </p>
      <ServiceLinesEditor
        orgSlug={ctx.orgSlug}
        controlId={control.id}
        controlVersion={control.version}
        lines={control.serviceLines}
        canEdit={canEdit && !control.archivedAt}
      />
    </>
  );
}
