import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { LoadStarterLibrary } from '@/features/library/components/load-starter-library';
import type { OrgContext } from '@/lib/auth/permissions';
import { can } from '@/lib/auth/permissions';
import type { listControls } from '../controls.data';
import type { RegisterColumns } from '../register-columns.data';
import { registerQuery, SORT_KEYS, type RegisterFilters, type SortKey } from '../register.policy';
import { RegisterFiltersForm } from './register-filters';
import { RegisterTable, type SortLink } from './register-table';

type Register = Awaited<ReturnType<typeof listControls>>;

export function ControlRegister({
  ctx,
  filters,
  register,
  owners,
  library,
  columns,
}: {
  ctx: OrgContext;
  filters: RegisterFilters;
  register: Register;
  owners: { id: string; name: string }[];
  library: { name: string; total: number; present: number };
  /** The columns this member hid, remembered for them. */
  columns: RegisterColumns;
}) {
  const base = `/${ctx.orgSlug}/controls`;
  const systemId = register.system?.id ?? null;
  const sortLinks = Object.fromEntries(
    SORT_KEYS.map((key) => {
      const active = filters.sort === key;
      const dir = active && filters.dir === 'asc' ? 'desc' : 'asc';
      return [key, { href: `${base}?${registerQuery(filters, systemId, { sort: key, dir })}`, active, dir: active ? filters.dir : 'asc' }];
    }),
  ) as Record<SortKey, SortLink>;
  const canEdit = can(ctx.role, 'controls.edit');
  const filtered = Boolean(
    filters.type || filters.family || filters.owner || filters.status || filters.evidence || filters.q || filters.failing,
  );

  return (
    <>
      <PageHeader
        title="Controls"
        description={
          register.system
            ? `Each control as it applies to ${register.system.name}: the AWS services this system uses decide whether it is inherited from AWS, shared, or yours alone.`
            : 'Each control with its default responsibility type. Choose a system to see where the line sits for it.'
        }
        actions={
          <div className="flex items-center gap-4 text-sm">
            <a href={`${base}/export`} download className="text-brand-600 hover:underline">
              Export CSV
            </a>
            {canEdit && (
              <>
                <Link href={`${base}/import`} className="text-brand-600 hover:underline">
                  Import CSV
                </Link>
                <Link href={`${base}/new`} className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
                  New control
                </Link>
              </>
            )}
          </div>
        }
      />
      {can(ctx.role, 'library.load') && (
        <section className="mb-4 rounded-lg border border-brand-600/20 bg-brand-50 p-4 text-sm">
          <p className="mb-3 text-slate-700">
            {library.present < library.total
              ? `The built-in library holds ${library.total} controls on the AWS shared-responsibility line — physical security, patching, IAM, network, encryption and more — each with how the AWS services move the line. Loading it again never duplicates.`
              : `All ${library.total} controls of the built-in “${library.name}” library are in this register.`}
          </p>
          <LoadStarterLibrary orgSlug={ctx.orgSlug} {...library} />
        </section>
      )}
      {register.systems.length === 0 && (
        <div className="mb-4">
          <Alert>
            No systems yet, so every control shows its default type.{' '}
            <Link href={`/${ctx.orgSlug}/systems/new`} className="font-medium text-brand-600 hover:underline">
              Describe a system
            </Link>{' '}
            and the AWS services it uses to see where the line sits.
          </Alert>
        </div>
      )}
      <RegisterFiltersForm
        action={base}
        filters={filters}
        systems={register.systems}
        systemId={systemId}
        families={register.families}
        owners={owners}
      />
      {register.total === 0 ? (
        <Alert>
          {filtered ? (
            <>
              No control matches these filters.{' '}
              <Link href={`${base}?system=${systemId ?? 'none'}`} className="font-medium text-brand-600 hover:underline">
                Clear filters
              </Link>
            </>
          ) : filters.archived ? (
            'No archived controls.'
          ) : (
            'No controls yet. Load the starter library or create a control.'
          )}
        </Alert>
      ) : (
        <>
          <RegisterTable
            orgSlug={ctx.orgSlug}
            systemId={systemId}
            rows={register.rows}
            sortLinks={sortLinks}
            owners={owners}
            columns={columns}
            canAssign={can(ctx.role, 'implementations.edit') && !filters.archived}
          />
          <Pagination
            page={register.page}
            pageSize={register.pageSize}
            total={register.total}
            href={(page) => `${base}?${registerQuery(filters, systemId, { page: String(page) })}`}
          />
        </>
      )}
    </>
  );
}
