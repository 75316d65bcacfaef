// The system's FedRAMP-style CIS/CRM worksheet as a CSV download (columns: features/exports/cis-crm.policy.ts).
import { cisCrmWorksheet } from '@/features/exports/cis-crm.data';
import { requireOrgContext } from '@/lib/auth/context';
import { toActionError, httpStatus } from '@/lib/errors';


export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/exports/cis-crm'>) {
  const { org, systemId } = await params;
  try {
    const ctx = await requireOrgContext(org);
    const { fileName, csv } = await cisCrmWorksheet(ctx, systemId);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
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
