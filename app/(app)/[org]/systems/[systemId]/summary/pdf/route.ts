// The live compliance summary of a system as a PDF.
import { getSummary } from '@/features/summaries/summaries.data';
import { pdfFileName, renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/summary/pdf'>) {
  const { org, systemId } = await params;
  const frameworkId = new URL(request.url).searchParams.get('framework') || undefined;
  return download(async () => {
    const summary = await getSummary(await requireOrgContext(org), systemId, frameworkId);
    const scope = summary.framework ? ` (${summary.framework.name})` : '';
    const pdf = await renderSummaryPdf(summary, { title: `Compliance summary: ${summary.system.name}${scope}` });
    return {
      body: new Uint8Array(pdf),
      fileName: pdfFileName('summary', summary.system.name, summary.generatedAt.slice(0, 10)),
      contentType: 'application/pdf',
    };
  });
}
