// The CRM sheet of the system's FedRAMP CIS/CRM workbook (what the team's own customers must do) as a CSV download.
import { crmWorksheet } from '@/features/exports/cis-crm.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'exportCrm', permission: ANY_MEMBER },
  async (ctx, { systemId }) => {
    const { fileName, csv } = await crmWorksheet(ctx, systemId);
    return { body: csv, fileName, contentType: 'text/csv; charset=utf-8' };
  },
);
