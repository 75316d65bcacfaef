// A frozen snapshot of a system's compliance summary as a PDF, with its SHA-256 and sign-off.
import { getSnapshot } from '@/features/summaries/summaries.data';
import { pdfFileName, renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';
import { AppError } from '@/lib/errors';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/snapshots/[snapshotId]/pdf'>) {
  const { org, systemId, snapshotId } = await params;
  return download(async () => {
    const snapshot = await getSnapshot(await requireOrgContext(org), snapshotId);
    // The organization is checked by getSnapshot; the system in the URL must be the snapshot's too.
    if (snapshot.systemId !== systemId) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
    const { content, sha256, createdAt, signedBy, signedAt, signComment, intact } = snapshot;
    const pdf = await renderSummaryPdf(content, {
      title: `Compliance snapshot: ${content.system.name}`,
      snapshot: { sha256, createdAt, signedBy, signedAt, signComment, intact },
    });
    return {
      body: new Uint8Array(pdf),
      fileName: pdfFileName('snapshot', content.system.name, createdAt.toISOString().slice(0, 10), sha256.slice(0, 12)),
      contentType: 'application/pdf',
    };
  });
}
