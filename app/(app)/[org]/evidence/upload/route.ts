import { Readable } from 'node:stream';
import { z } from 'zod';
import { storeFileUpload } from '@/features/evidence/evidence.data';
import { fileUploadSchema } from '@/features/evidence/evidence.schema';
import { UPLOAD_CONTENT_TYPE, MAX_UPLOAD_HEAD_BYTES } from '@/features/evidence/upload.policy';
import { parseInput } from '@/lib/action';
import { maxUploadBytes } from '@/lib/config';
import { AppError, RequestReplayed } from '@/lib/errors';
import { orgRoute } from '@/lib/route';

const headSchema = z.object({ requestId: z.uuid(), metadata: z.unknown() });

/**
 * Splits the body into its first line (the JSON description) and the file bytes after it, reading
 * no more than the description before handing the rest on as a stream.
 */
async function splitBody(body: ReadableStream<Uint8Array>): Promise<{ head: unknown; file: Readable }> {
  const reader = body.getReader();
  let buffered = Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new AppError('VALIDATION', 'The upload ended before its file.', { file: ['The file is empty.'] });
    buffered = Buffer.concat([buffered, value]);
    const newline = buffered.indexOf(0x0a);
    if (newline >= 0) {
      const rest = buffered.subarray(newline + 1);
      return { head: parseHead(buffered.subarray(0, newline)), file: Readable.from(remainder(rest, reader)) };
    }
    if (buffered.length > MAX_UPLOAD_HEAD_BYTES) {
      await reader.cancel();
      throw new AppError('VALIDATION', 'The description of this upload is too long.');
    }
  }
}

function parseHead(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('VALIDATION', 'The upload is missing its description.');
  }
}

async function* remainder(first: Buffer, reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    if (first.length > 0) yield first;
    for (let part = await reader.read(); !part.done; part = await reader.read()) yield Buffer.from(part.value);
  } finally {
    // A refused file (too large, wrong type) stops reading the rest.
    await reader.cancel().catch(() => {});
  }
}

/**
 * Evidence file upload. The body is one line of JSON (`{ requestId, metadata }`, validated with
 * the form's schema) followed by the file itself, streamed to storage (server actions cap bodies
 * at 1 MB). The metadata is in the body rather than a header, so long non-Latin titles and notes
 * fit; the content type is one a cross-site form cannot send.
 */
export const POST = orgRoute({ name: 'uploadEvidenceFile', permission: 'evidence.upload', sameOrigin: true }, async (ctx, request) => {
  if (request.headers.get('content-type')?.split(';')[0] !== UPLOAD_CONTENT_TYPE) {
    throw new AppError('VALIDATION', `Send the upload as ${UPLOAD_CONTENT_TYPE}.`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxUploadBytes() + MAX_UPLOAD_HEAD_BYTES) {
    throw new AppError('VALIDATION', `The file is larger than the ${maxUploadBytes() / 1024 / 1024} MB limit.`, { file: ['Too large.'] });
  }
  if (!request.body) throw new AppError('VALIDATION', 'The file is empty.', { file: ['The file is empty.'] });
  const { head, file } = await splitBody(request.body);
  try {
    const { requestId, metadata } = await parseInput(headSchema, head);
    const meta = await parseInput(fileUploadSchema, metadata);
    const data = await storeFileUpload({ ...ctx, request: { id: requestId, action: 'uploadEvidenceFile' } }, meta, file);
    return Response.json({ ok: true, data }, { status: 201 });
  } catch (error) {
    // The same upload sent twice (a double click): the first one's answer.
    if (error instanceof RequestReplayed) return Response.json({ ok: true, data: error.result }, { status: 200 });
    throw error;
  } finally {
    file.destroy();
  }
});
