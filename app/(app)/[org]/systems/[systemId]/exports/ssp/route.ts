// The system's OSCAL System Security Plan as a JSON download (built in features/exports/ssp.ts).
import { buildSsp } from '@/features/exports/ssp.data';
import { requireOrgContext } from '@/lib/auth/context';
import { toActionError, httpStatus } from '@/lib/errors';


export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/exports/ssp'>) {
  const { org, systemId } = await params;
  try {
    const ctx = await requireOrgContext(org);
    const { fileName, ssp } = await buildSsp(ctx, systemId);
    return new Response(JSON.stringify(ssp, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    const { code, message } = toActionError(error);
    return new Response(message, { status: httpStatus(code), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
