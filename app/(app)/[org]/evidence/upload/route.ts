import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { NextResponse } from 'next/server';
import { storeFileUpload } from '@/features/evidence/evidence.data';
import { fileUploadSchema } from '@/features/evidence/evidence.schema';
import { parseInput } from '@/lib/action';
import { requireOrgContext } from '@/lib/auth/context';
import { maxUploadBytes } from '@/lib/config';
import { AppError, toActionError, httpStatus } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/same-origin';

/**
 * Evidence file upload. The body is the file itself, streamed to storage (server actions cap
 * bodies at 1 MB); the metadata travels as base64 JSON in the X-Demarc-Evidence header and is
 * validated with the same schema as the form.
 */
export async function POST(request: Request, { params }: RouteContext<'/[org]/evidence/upload'>) {
  try {
    assertSameOrigin(request);
    const ctx = await requireOrgContext((await params).org);
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > maxUploadBytes()) {
      throw new AppError('VALIDATION', `The file is larger than the ${maxUploadBytes() / 1024 / 1024} MB limit.`, { file: ['Too large.'] });
    }
    let metadata: unknown;
    try {
      metadata = JSON.parse(Buffer.from(request.headers.get('x-demarc-evidence') ?? '', 'base64').toString('utf8'));
    } catch {
      throw new AppError('VALIDATION', 'The upload is missing its description.');
    }
    const meta = await parseInput(fileUploadSchema, metadata);
    if (!request.body) throw new AppError('VALIDATION', 'The file is empty.', { file: ['The file is empty.'] });
    const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
    return NextResponse.json({ ok: true, data: await storeFileUpload(ctx, meta, body) }, { status: 201 });
  } catch (error) {
    const failure = toActionError(error);
    return NextResponse.json({ ok: false, error: failure }, { status: httpStatus(failure.code) });
  }
}
