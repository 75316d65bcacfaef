// OSCAL upload. A route handler rather than a server action: actions cap bodies at 1 MB and
// cannot stream progress. The answer is newline-delimited JSON, one event per line:
// {"phase":"validating"}, {"phase":"importing","done":n,"total":m}, then {"phase":"done",…}
// or {"phase":"error","message":…}.
import { importOscalText } from '@/features/frameworks/frameworks-import.data';
import { runPaced } from '@/lib/pacing';
import { MAX_OSCAL_BYTES } from '@/features/frameworks/frameworks.schema';
import { lineAndColumn, scanJson } from '@/features/frameworks/json-scan';
import { oscalLimits } from '@/lib/config';
import { AppError, httpStatus, toActionError } from '@/lib/errors';
import { orgRoute } from '@/lib/route';
import { isSafeText } from '@/lib/safe-input';

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

export const POST = orgRoute(
  {
    name: 'importOscal',
    permission: 'controls.edit',
    sameOrigin: true,
    failure: ({ code, message }) => Response.json({ phase: 'error', message }, { status: httpStatus(code) }),
  },
  async (ctx, request) => {
    // A cross-site form cannot send JSON without a CORS preflight, which this route never grants.
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw new AppError('VALIDATION', 'Send the file as application/json.');
    }
    if (Number(request.headers.get('content-length') ?? 0) > MAX_OSCAL_BYTES) throw new AppError('VALIDATION', TOO_LARGE);
    const url = new URL(request.url);
    // Only a label for the audit log: dropped when it holds text that cannot be stored.
    const fileName = url.searchParams.get('name')?.slice(0, 200);
    // The body is read and its JSON shape checked (size, nesting, syntax: a pass that builds
    // nothing) before the answer starts, so a broken file is a 422 with its message, not a 200.
    const bytes = await readBody(request);
    const scan = await runPaced(scanJson(bytes, oscalLimits()));
    if (!scan.ok) {
      const hint = scan.position >= bytes.length - 1 ? ' The file ends early: it may be truncated.' : '';
      throw new AppError('VALIDATION', `The file is not valid JSON: ${scan.problem} at ${lineAndColumn(bytes, scan.position)}.${hint}`);
    }
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: object) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        try {
          send({ phase: 'validating' });
          // Validation is synchronous work: let the event above reach the browser first.
          await new Promise((resolve) => setImmediate(resolve));
          const result = await importOscalText(ctx, bytes, {
            via: 'upload',
            fileName: fileName && isSafeText(fileName) ? fileName : undefined,
            baseline: url.searchParams.get('baseline') === '1',
            confirmKindChange: url.searchParams.get('changeKind') === '1',
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
  },
);
