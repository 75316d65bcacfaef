// A frozen snapshot of a system's compliance summary as a PDF, with its SHA-256 and sign-off.
import { getSnapshot } from '@/features/summaries/summaries.data';
import { pdfFileName, renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';
import { AppError } from '@/lib/errors';

export const GET = orgDownload<{ org: string; systemId: string; snapshotId: string }>(
  { name: 'downloadSnapshotPdf', permission: ANY_MEMBER },
  async (ctx, { systemId, snapshotId }) => {
    const snapshot = await getSnapshot(ctx, snapshotId);
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
  },
);
