// The control register as a CSV download (see features/controls/controls-csv.ts for the columns).
import { exportControlsCsv } from '@/features/controls/controls-csv.data';
import { requireOrgContext } from '@/lib/auth/context';
import { toActionError, httpStatus } from '@/lib/errors';


export async function GET(_request: Request, { params }: RouteContext<'/[org]/controls/export'>) {
  try {
    const ctx = await requireOrgContext((await params).org);
    const csv = await exportControlsCsv(ctx);
    const fileName = `${ctx.orgSlug}-controls-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    const { code, message } = toActionError(error);
    return new Response(message, { status: httpStatus(code), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
