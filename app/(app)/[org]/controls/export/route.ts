// Every control with its owners, types, statuses and mappings, as CSV (columns: features/controls/controls-csv.ts).
import { exportControlsCsv } from '@/features/controls/controls-csv.data';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/controls/export'>) {
  const { org } = await params;
  return download(async () => {
    const ctx = await requireOrgContext(org);
    const csv = await exportControlsCsv(ctx);
    return {
      body: csv,
      fileName: `${ctx.orgSlug}-controls-${new Date().toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv; charset=utf-8',
    };
  });
}
