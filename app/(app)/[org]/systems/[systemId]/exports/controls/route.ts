// The system's controls as the register derives them, in words, as a CSV download (columns: features/exports/cis-crm.policy.ts).
import { systemControlsCsv } from '@/features/exports/cis-crm.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'exportSystemControls', permission: ANY_MEMBER },
  async (ctx, { systemId }) => {
    const { fileName, csv } = await systemControlsCsv(ctx, systemId);
    return { body: csv, fileName, contentType: 'text/csv; charset=utf-8' };
  },
);
