// OSCAL upload. A route handler rather than a server action: actions cap bodies at 1 MB and
// cannot stream progress. The answer is newline-delimited JSON, one event per line:
// {"phase":"validating"}, {"phase":"importing","done":n,"total":m}, then {"phase":"done",…}
// or {"phase":"error","message":…}.
import { importOscalUpload } from '@/features/frameworks/frameworks-import.data';
import { MAX_OSCAL_BYTES } from '@/features/frameworks/frameworks.schema';
import { requireOrgContext } from '@/lib/auth/context';
import { assertCan } from '@/lib/auth/permissions';
import { AppError, httpStatus, toActionError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/same-origin';

const TOO_LARGE = `The file is larger than ${MAX_OSCAL_BYTES / 1024 / 1024} MB.`;

/**
 * The body's bytes, refusing more than the limit while they arrive rather than after. With a
 * declared length they go straight into one buffer of that size: a 50 MB upload is held once, not
 * as its chunks and then their copy. They stay bytes (UTF-8 is checked when they are read).
 */
async function readBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  const reader = request.body?.getReader();
  if (!reader) throw new AppError('VALIDATION', 'Choose a file to import.');
  const sized = Number.isInteger(declared) && declared > 0 && declared <= MAX_OSCAL_BYTES;
  let buffer = sized ? Buffer.allocUnsafe(declared) : null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    if (size + part.value.byteLength > MAX_OSCAL_BYTES) {
      await reader.cancel();
      throw new AppError('VALIDATION', TOO_LARGE);
    }
    // More than declared: keep the chunks after all.
    if (buffer && size + part.value.byteLength > buffer.length) {
      chunks.push(buffer.subarray(0, size));
      buffer = null;
    }
    if (buffer) buffer.set(part.value, size);
    else chunks.push(part.value);
    size += part.value.byteLength;
  }
  if (Number.isFinite(declared) && size < declared) {
    throw new AppError(
      'VALIDATION',
      `The upload was cut off after ${size.toLocaleString('en')} of ${declared.toLocaleString('en')} bytes.`,
    );
  }
  return buffer ? buffer.subarray(0, size) : Buffer.concat(chunks);
}

export async function POST(request: Request, { params }: RouteContext<'/[org]/frameworks/import'>) {
  let ctx;
  try {
    assertSameOrigin(request);
    ctx = await requireOrgContext((await params).org);
    assertCan(ctx, 'controls.edit');
    // A cross-site form cannot send JSON without a CORS preflight, which this route never grants.
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw new AppError('VALIDATION', 'Send the file as application/json.');
    }
    if (Number(request.headers.get('content-length') ?? 0) > MAX_OSCAL_BYTES) throw new AppError('VALIDATION', TOO_LARGE);
  } catch (error) {
    const { code, message } = toActionError(error);
    return Response.json({ phase: 'error', message }, { status: httpStatus(code) });
  }

  const url = new URL(request.url);
  const encoder = new TextEncoder();
  const orgContext = ctx;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: object) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        // The bytes are handed over, not kept here: the import lets them go once they are read.
        const body = async () => {
          const bytes = await readBody(request);
          send({ phase: 'validating' });
          return bytes;
        };
        const result = await importOscalUpload(orgContext, body, {
          via: 'upload',
          fileName: url.searchParams.get('name')?.slice(0, 200) || undefined,
          baseline: url.searchParams.get('baseline') === '1',
          onProgress: (done, total) => send({ phase: 'importing', done, total }),
        });
        const { framework, ...summary } = result;
        send({ phase: 'done', frameworkId: framework.id, name: framework.name, version: framework.version, ...summary });
      } catch (error) {
        send({ phase: 'error', message: toActionError(error).message });
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
