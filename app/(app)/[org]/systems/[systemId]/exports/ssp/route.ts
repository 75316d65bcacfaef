// The system's OSCAL System Security Plan as a JSON download.
import { buildSsp } from '@/features/exports/ssp.data';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/exports/ssp'>) {
  const { org, systemId } = await params;
  return download(async () => {
    const { fileName, ssp } = await buildSsp(await requireOrgContext(org), systemId);
    return { body: JSON.stringify(ssp, null, 2), fileName, contentType: 'application/json; charset=utf-8' };
  });
}
