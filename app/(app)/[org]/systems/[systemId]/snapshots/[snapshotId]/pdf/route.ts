// A frozen snapshot of a system's compliance summary as a PDF, with its SHA-256 and sign-off.
import { getSnapshot } from '@/features/summaries/summaries.data';
import { pdfFileName, renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { requireOrgContext } from '@/lib/auth/context';
import { AppError, httpStatus, toActionError } from '@/lib/errors';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/snapshots/[snapshotId]/pdf'>) {
  const { org, systemId, snapshotId } = await params;
  try {
    const ctx = await requireOrgContext(org);
    const snapshot = await getSnapshot(ctx, snapshotId);
    // The organization is checked by getSnapshot; the system in the URL must be the snapshot's too.
    if (snapshot.systemId !== systemId) throw new AppError('NOT_FOUND', 'This snapshot does not exist.');
    const { content } = snapshot;
    const pdf = await renderSummaryPdf(content, {
      title: `Compliance snapshot: ${content.system.name}`,
      snapshot: {
        sha256: snapshot.sha256,
        createdAt: snapshot.createdAt,
        signedBy: snapshot.signedBy,
        signedAt: snapshot.signedAt,
        signComment: snapshot.signComment,
        intact: snapshot.intact,
      },
    });
    const fileName = pdfFileName('snapshot', content.system.name, snapshot.createdAt.toISOString().slice(0, 10), snapshot.sha256.slice(0, 12));
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
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
