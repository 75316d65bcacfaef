import { CoverageCountsText } from './coverage-badge';
import { coveredShare } from '../frameworks.policy';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { can, type OrgContext } from '@/lib/auth/permissions';
import type { listFrameworks } from '../frameworks.data';
import { FRAMEWORK_SOURCE_LABELS, type FrameworkSource } from '../frameworks.schema';
import { ImportCatalog } from './import-catalog';
import { NewFrameworkForm } from './new-framework-form';

type Data = Awaited<ReturnType<typeof listFrameworks>>;

export function FrameworkList({ ctx, data }: { ctx: OrgContext; data: Data }) {
  const canEdit = can(ctx.role, 'controls.edit');
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="The frameworks your controls answer — NIST SP 800-53, a baseline, SOC 2, ISO 27001 — with how many of their requirements are covered: mapped to a control that is implemented and has accepted, current evidence."
      />
      {data.frameworks.length === 0 ? (
        <div className="mb-6">
          <Alert>
            No frameworks yet. Import NIST SP 800-53 rev5 as OSCAL JSON (NIST publishes the catalog as NIST_SP-800-53_rev5_catalog.json, and
            each baseline as a resolved-profile catalog): its requirements arrive as a tree, and the controls that name NIST ids, like those
            of the starter library, map themselves. For a framework whose text your organization licenses, such as SOC 2 or ISO 27001,
            create a custom framework and add its requirements by hand or from CSV.
          </Alert>
        </div>
      ) : (
        <div className="mb-8 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Frameworks</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Framework
                </th>
                <th scope="col" className="px-4 py-2">
                  Source
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Requirements
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Mapped
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Covered{data.system ? ` in ${data.system.name}` : ''}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.frameworks.map((f) => (
                <tr key={f.id}>
                  <td className="px-4 py-3">
                    <Link href={`/${ctx.orgSlug}/frameworks/${f.id}`} className="font-medium text-brand-600 hover:underline">
                      {f.name}
                    </Link>
                    {f.version && <span className="ml-2 text-xs text-slate-500">{f.version}</span>}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{FRAMEWORK_SOURCE_LABELS[f.source as FrameworkSource] ?? f.source}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{f.requirements.toLocaleString('en')}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{f.mapped.toLocaleString('en')}</td>
                  <td className="px-4 py-3 text-right tabular-nums">
                    {f.states.COVERED.toLocaleString('en')}
                    {coveredShare(f.states).of > 0 && (
                      <span className="ml-1 text-xs text-slate-500">
                        ({Math.round((f.states.COVERED / coveredShare(f.states).of) * 100)}%)
                      </span>
                    )}
                    <div>
                      <CoverageCountsText counts={f.states} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.frameworks.length > 0 && !data.system && (
        <div className="mb-6">
          <Alert>Coverage is counted per system. Describe a system to see which requirements are covered.</Alert>
        </div>
      )}
      {canEdit && (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="import-heading">
            <h2 id="import-heading" className="mb-3 text-base font-semibold">
              Import an OSCAL catalog
            </h2>
            <ImportCatalog orgSlug={ctx.orgSlug} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="new-heading">
            <h2 id="new-heading" className="mb-3 text-base font-semibold">
              New framework
            </h2>
            <NewFrameworkForm orgSlug={ctx.orgSlug} />
          </section>
        </div>
      )}
    </>
  );
}
