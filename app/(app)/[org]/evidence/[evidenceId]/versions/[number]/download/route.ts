// Evidence files leave only through here: authorized, as attachments, never sniffed by the browser.
import { Readable } from 'node:stream';
import { openVersionDownload } from '@/features/evidence/evidence.data';
import { ANY_MEMBER } from '@/lib/action';
import { orgDownload } from '@/lib/download';

export const GET = orgDownload<{ org: string; evidenceId: string; number: string }>(
  { name: 'downloadEvidenceVersion', permission: ANY_MEMBER },
  async (ctx, { evidenceId, number }) => {
    const file = await openVersionDownload(ctx, evidenceId, Number(number));
    return {
      body: Readable.toWeb(file.stream) as ReadableStream<Uint8Array>,
      fileName: file.fileName,
      contentType: file.mediaType,
      size: file.size,
    };
  },
);
