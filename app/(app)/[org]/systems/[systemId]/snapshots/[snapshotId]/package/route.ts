// A snapshot's evidence package: a ZIP streamed entry by entry, ending with its hash manifest.
import { Readable } from 'node:stream';
import { streamEvidencePackage } from '@/features/exports/evidence-package.data';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/systems/[systemId]/snapshots/[snapshotId]/package'>) {
  const { org, systemId, snapshotId } = await params;
  return download(async () => {
    const { fileName, stream } = await streamEvidencePackage(await requireOrgContext(org), snapshotId, { systemId });
    return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, fileName, contentType: 'application/zip' };
  });
}
