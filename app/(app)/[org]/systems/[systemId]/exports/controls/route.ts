// The system's controls as the register derives them, in words, as a CSV download (columns: features/exports/cis-crm.policy.ts).
import { systemControlsCsv } from '@/features/exports/cis-crm.data';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/exports/controls'>) {
  const { org, systemId } = await params;
  return download(async () => {
    const { fileName, csv } = await systemControlsCsv(await requireOrgContext(org), systemId);
    return { body: csv, fileName, contentType: 'text/csv; charset=utf-8' };
  });
}
