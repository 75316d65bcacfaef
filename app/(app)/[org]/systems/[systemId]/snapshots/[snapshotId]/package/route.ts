// A snapshot's evidence package: a ZIP streamed entry by entry, ending with its hash manifest.
import { Readable } from 'node:stream';
import { streamEvidencePackage } from '@/features/exports/evidence-package.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; systemId: string; snapshotId: string }>(
  { name: 'downloadEvidencePackage', permission: ANY_MEMBER },
  async (ctx, { systemId, snapshotId }) => {
    const { fileName, stream } = await streamEvidencePackage(ctx, snapshotId, { systemId });
    return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, fileName, contentType: 'application/zip' };
  },
);
