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
      <div className="grid gap-4 sm:grid-cols-2">
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
