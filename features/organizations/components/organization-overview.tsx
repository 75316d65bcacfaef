import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS, type OrgContext } from '@/lib/auth/permissions';
import type { getOrganizationOverview } from '../organizations.data';

export function OrganizationOverview({
  ctx,
  overview,
}: {
  ctx: OrgContext;
  overview: Awaited<ReturnType<typeof getOrganizationOverview>>;
}) {
  return (
    <>
      <PageHeader
        title={overview.name}
        description="Demarc records, for every control, whether AWS provides it (inherited), you and AWS each hold a half (shared), or it is yours alone (customer) — and who owns your half, with evidence."
      />
      {(overview.systems === 0 || overview.controls === 0) && (
        <section className="mb-6 rounded-lg border border-brand-600/20 bg-brand-50 p-5 text-sm">
          <h2 className="font-semibold text-slate-800">Getting started</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
            <li className={overview.systems ? 'line-through' : undefined}>
              <Link href={`/${ctx.orgSlug}/systems/new`} className="text-brand-600 hover:underline">
                Describe a system
              </Link>{' '}
              and tick the AWS services it uses.
            </li>
            <li className={overview.controls ? 'line-through' : undefined}>
              <Link href={`/${ctx.orgSlug}/controls`} className="text-brand-600 hover:underline">
                Load the AWS starter library
              </Link>{' '}
              or create your own controls.
            </li>
            <li>Assign an owner to every customer half, from the control register.</li>
          </ol>
        </section>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-slate-700">Systems and controls</h2>
          <p className="mt-2 text-2xl font-semibold">
            <Link href={`/${ctx.orgSlug}/systems`} className="hover:underline">
              {overview.systems} systems
            </Link>
          </p>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/${ctx.orgSlug}/controls`} className="hover:underline">
              {overview.controls} controls
            </Link>{' '}
            in the register
          </p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-slate-700">You own</h2>
          <p className="mt-2 text-2xl font-semibold">
            <Link href={`/${ctx.orgSlug}/my-controls`} className="hover:underline">
              {overview.owned} customer halves
            </Link>
          </p>
          <p className="mt-1 text-sm text-slate-600">Across every system.</p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-slate-700">Your access</h2>
          <p className="mt-2 text-2xl font-semibold">{ROLE_LABELS[ctx.role]}</p>
          <p className="mt-1 text-sm text-slate-600">Organization created {overview.createdAt.toISOString().slice(0, 10)} (UTC).</p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-slate-700">Members</h2>
          <p className="mt-2 text-2xl font-semibold">
            <Link href={`/${ctx.orgSlug}/members`} className="hover:underline">
              {overview.activeMembers} active
            </Link>
          </p>
          <ul className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
            {overview.membersByRole.map((r) => (
              <li key={r.role}>
                {r.count} {ROLE_LABELS[r.role].toLowerCase()}
                {r.count === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
