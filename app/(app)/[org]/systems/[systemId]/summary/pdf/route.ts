// The live compliance summary of a system as a PDF download (drawn in features/summaries/summary-pdf.ts).
import { getSummary } from '@/features/summaries/summaries.data';
import { pdfFileName, renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { requireOrgContext } from '@/lib/auth/context';
import { httpStatus, toActionError } from '@/lib/errors';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/summary/pdf'>) {
  const { org, systemId } = await params;
  try {
    const ctx = await requireOrgContext(org);
    const summary = await getSummary(ctx, systemId);
    const pdf = await renderSummaryPdf(summary, { title: `Compliance summary: ${summary.system.name}` });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${pdfFileName('summary', summary.system.name, summary.generatedAt.slice(0, 10))}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    const { code, message } = toActionError(error);
    return new Response(message, { status: httpStatus(code), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
