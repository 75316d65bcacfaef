import Link from 'next/link';
import { can, type OrgContext } from '@/lib/auth/permissions';
import { listControlRequirements } from '../frameworks.data';
import { RequirementPicker } from './requirement-picker';
import { UnmapButton } from './unmap-button';

/** For the control page: the requirements this control answers, by framework, with mapping and unmapping. */
export async function ControlRequirements({ ctx, controlId }: { ctx: OrgContext; controlId: string }) {
  const { archived, frameworks } = await listControlRequirements(ctx, controlId);
  const canEdit = can(ctx.role, 'controls.edit') && !archived;
  const mappedIds = frameworks.flatMap((f) => f.requirements.map((r) => r.id));
  return (
    <section aria-labelledby="control-requirements" className="space-y-4">
      <h2 id="control-requirements" className="text-lg font-semibold">
        Frameworks and requirements
      </h2>
      {frameworks.length === 0 ? (
        <p className="text-sm text-slate-600">
          This control is not mapped to any requirement yet. {canEdit ? 'Find one below by its id, e.g. AC-2 or CC6.1.' : ''}{' '}
          <Link href={`/${ctx.orgSlug}/frameworks`} className="text-brand-600 hover:underline">
            Frameworks
          </Link>{' '}
          lists the catalogs imported so far.
        </p>
      ) : (
        <div className="space-y-3">
          {frameworks.map((f) => (
            <div key={f.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="text-sm font-semibold">
                <Link href={`/${ctx.orgSlug}/frameworks/${f.id}`} className="hover:underline">
                  {f.name}
                </Link>
              </h3>
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {f.requirements.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                    <span className={r.withdrawn ? 'text-slate-400 line-through' : undefined}>
                      <Link
                        href={`/${ctx.orgSlug}/frameworks/${f.id}/requirements/${r.id}`}
                        className="font-mono text-xs text-brand-600 hover:underline"
                      >
                        {r.label}
                      </Link>{' '}
                      {r.title}
                      {r.rationale && <span className="block text-xs text-slate-500">{r.rationale}</span>}
                    </span>
                    {canEdit && (
                      <UnmapButton
                        orgSlug={ctx.orgSlug}
                        controlId={controlId}
                        requirementId={r.id}
                        label={`Unmap ${r.label}`}
                        title={`Unmap this control from ${r.label}?`}
                      />
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {canEdit && <RequirementPicker orgSlug={ctx.orgSlug} controlId={controlId} mappedIds={mappedIds} />}
    </section>
  );
}
