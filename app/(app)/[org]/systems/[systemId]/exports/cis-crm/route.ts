// The system's FedRAMP-style CIS/CRM worksheet as a CSV download (columns: features/exports/cis-crm.policy.ts).
import { cisCrmWorksheet } from '@/features/exports/cis-crm.data';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/exports/cis-crm'>) {
  const { org, systemId } = await params;
  return download(async () => {
    const { fileName, csv } = await cisCrmWorksheet(await requireOrgContext(org), systemId);
    return { body: csv, fileName, contentType: 'text/csv; charset=utf-8' };
  });
}
