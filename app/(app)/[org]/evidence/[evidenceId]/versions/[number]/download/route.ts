import { Readable } from 'node:stream';
import { openVersionDownload } from '@/features/evidence/evidence.data';
import { requireOrgContext } from '@/lib/auth/context';
import { AppError, toActionError } from '@/lib/errors';

/** Evidence files leave only through here: authorized, as an attachment, never sniffed by the browser. */
export async function GET(_request: Request, { params }: RouteContext<'/[org]/evidence/[evidenceId]/versions/[number]/download'>) {
  const { org, evidenceId, number } = await params;
  try {
    const ctx = await requireOrgContext(org);
    const file = await openVersionDownload(ctx, evidenceId, Number(number));
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        'Content-Type': file.mediaType,
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    const failure = toActionError(error);
    const status = error instanceof AppError && error.code === 'UNAUTHENTICATED' ? 401 : failure.code === 'INTERNAL' ? 500 : 404;
    return new Response(failure.message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
