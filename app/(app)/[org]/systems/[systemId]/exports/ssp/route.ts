// The system's OSCAL System Security Plan as a JSON download.
import { buildSsp } from '@/features/exports/ssp.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'exportSsp', permission: ANY_MEMBER },
  async (ctx, { systemId }) => {
    const { fileName, ssp } = await buildSsp(ctx, systemId);
    return { body: JSON.stringify(ssp, null, 2), fileName, contentType: 'application/json; charset=utf-8' };
  },
);
