// Evidence files leave only through here: authorized, as attachments, never sniffed by the browser.
import { Readable } from 'node:stream';
import { openVersionDownload } from '@/features/evidence/evidence.data';
import { requireOrgContext } from '@/lib/auth/context';
import { download } from '@/lib/download';

export async function GET(_request: Request, { params }: RouteContext<'/[org]/evidence/[evidenceId]/versions/[number]/download'>) {
  const { org, evidenceId, number } = await params;
  return download(async () => {
    const file = await openVersionDownload(await requireOrgContext(org), evidenceId, Number(number));
    return {
      body: Readable.toWeb(file.stream) as ReadableStream<Uint8Array>,
      fileName: file.fileName,
      contentType: file.mediaType,
      size: file.size,
    };
  });
}
