// The CIS sheet of the system's FedRAMP CIS/CRM workbook as a CSV download (columns: features/exports/cis-crm.policy.ts).
import { cisCrmWorksheet } from '@/features/exports/cis-crm.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'exportCisCrm', permission: ANY_MEMBER },
  async (ctx, { systemId }) => {
    const { fileName, csv } = await cisCrmWorksheet(ctx, systemId);
    return { body: csv, fileName, contentType: 'text/csv; charset=utf-8' };
  },
);
