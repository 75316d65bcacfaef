// The system's FedRAMP CIS/CRM workbook as one XLSX download: the CIS and CRM sheets and an About sheet.
import { cisCrmXlsxFile } from '@/features/exports/cis-crm.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'exportCisCrmXlsx', permission: ANY_MEMBER },
  async (ctx, { systemId }) => {
    const { fileName, body } = await cisCrmXlsxFile(ctx, systemId);
    return {
      body: new Uint8Array(body),
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: body.byteLength,
    };
  },
);
