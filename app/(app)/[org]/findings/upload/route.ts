// Findings upload. A route handler rather than a server action: actions cap bodies at 1 MB. The
// body is the file itself, streamed into the ingest as it arrives (never held whole); it is left
// out of the proxy (proxy.ts, BODY_ROUTES) so that nothing buffers it before the checks below.
import { FindingsTooLarge, ingestFindings } from '@/features/findings/ingest.data';
import { FINDINGS_UPLOAD_CONTENT_TYPE, findingsFileName } from '@/features/findings/upload.policy';
import { maxFindingsBytes } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { orgRoute } from '@/lib/route';

/**
 * Ingests one security-tool file (ASFF, AWS Config, Prowler, OSCAL assessment results, IAM
 * credential report) for the organization; answers `{ ok: true, data: IngestResult }` or
 * `{ ok: false, error }` with the problem in words.
 */
export const POST = orgRoute({ name: 'uploadFindings', permission: 'findings.ingest', sameOrigin: true }, async (ctx, request) => {
  if (request.headers.get('content-type')?.split(';')[0]?.trim() !== FINDINGS_UPLOAD_CONTENT_TYPE) {
    throw new AppError('VALIDATION', `Send the file as ${FINDINGS_UPLOAD_CONTENT_TYPE}.`);
  }
  const maxBytes = maxFindingsBytes();
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new FindingsTooLarge(maxBytes);
  if (!request.body || declared === 0) throw new AppError('VALIDATION', 'The file is empty. Choose a findings file to upload.');
  const fileName = findingsFileName(new URL(request.url).searchParams.get('name'));
  // The ingest keeps the size limit while reading (a chunked upload declares no size).
  const result = await ingestFindings(ctx, request.body as unknown as AsyncIterable<Uint8Array>, { fileName });
  return Response.json({ ok: true, data: result }, { status: result.duplicate ? 200 : 201 });
});
