// A snapshot's evidence package: a ZIP streamed as it is built (features/exports/evidence-package.data.ts).
import { Readable } from 'node:stream';
import { streamEvidencePackage } from '@/features/exports/evidence-package.data';
import { requireOrgContext } from '@/lib/auth/context';
import { toActionError, httpStatus } from '@/lib/errors';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/snapshots/[snapshotId]/package'>) {
  const { org, systemId, snapshotId } = await params;
  try {
    const ctx = await requireOrgContext(org);
    const { fileName, stream } = await streamEvidencePackage(ctx, snapshotId, { systemId });
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': 'application/zip',
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
