import { findingsQuerySchema } from '@/features/api/api.schema';
import { FindingsTooLarge, ingestFindings } from '@/features/findings/ingest.data';
import { ACCEPTED_FORMATS_TEXT } from '@/features/findings/findings.policy';
import { declaredBodyBytes } from '@/lib/auth/body-limits';
import { apiJson, apiRoute, parseQuery } from '@/lib/api';
import { maxFindingsBytes } from '@/lib/config';
import { AppError } from '@/lib/errors';

// The body is the results file itself, streamed to the ingest (never buffered here). The route is
// left out of the proxy (lib/auth/body-limits.ts), so its body arrives unread.
export const POST = apiRoute(
  { name: 'apiIngestFindings', method: 'POST', path: '/api/v1/findings', scope: 'findings:write' },
  async ({ ctx }, request) => {
    const { fileName = 'findings.json', accountId, region } = await parseQuery(findingsQuerySchema, request);
    const instance = new URL(request.url).pathname;
    const declared = declaredBodyBytes(request.headers);
    if (declared !== null && declared > maxFindingsBytes()) return tooLarge(new FindingsTooLarge(maxFindingsBytes()), instance);
    if (!request.body || declared === 0)
      throw new AppError('VALIDATION', `Send the results file as the request body. ${ACCEPTED_FORMATS_TEXT}`);
    try {
      const result = await ingestFindings(ctx, request.body as unknown as AsyncIterable<Uint8Array>, { fileName, accountId, region });
      return apiJson(result, result.duplicate ? 200 : 201);
    } catch (error) {
      if (error instanceof FindingsTooLarge) return tooLarge(error, instance);
      throw error;
    }
  },
);

function tooLarge(error: FindingsTooLarge, instance: string): Response {
  return new Response(
    JSON.stringify({ type: 'urn:demarc:problem:too-large', title: 'The file is too large', status: 413, detail: error.message, instance }),
    { status: 413, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
  );
}
