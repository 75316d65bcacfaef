// The live compliance summary of a system as a PDF.
import { getSummary } from '@/features/summaries/summaries.data';
import { pdfFileName, renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string }>(
  { name: 'downloadSummaryPdf', permission: ANY_MEMBER },
  async (ctx, { systemId }, request) => {
    const frameworkId = new URL(request.url).searchParams.get('framework') || undefined;
    const summary = await getSummary(ctx, systemId, frameworkId);
    const scope = summary.framework ? ` (${summary.framework.name})` : '';
    const pdf = await renderSummaryPdf(summary, { title: `Compliance summary: ${summary.system.name}${scope}` });
    return {
      body: new Uint8Array(pdf),
      fileName: pdfFileName('summary', summary.system.name, summary.generatedAt.slice(0, 10)),
      contentType: 'application/pdf',
    };
  },
);
