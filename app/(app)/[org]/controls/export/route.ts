// Every control with its owners, types, statuses and mappings, as CSV (columns: features/controls/controls-csv.ts).
import { exportControlsCsv } from '@/features/controls/controls-csv.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload({ name: 'exportControlsCsv', permission: ANY_MEMBER }, async (ctx) => {
  const csv = await exportControlsCsv(ctx);
  return {
    body: csv,
    fileName: `${ctx.orgSlug}-controls-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: 'text/csv; charset=utf-8',
  };
});
