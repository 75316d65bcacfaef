// Controls CSV upload. A route handler rather than a server action: a register of a thousand
// controls with their statements is larger than the 1 MB an action accepts. The body is read as
// a stream, straight into the CSV parser: a file is refused at its 10,001st row or its 8th MB
// without the rest being read. `?overwrite=12,15` writes those rows although their controls
// changed in Demarc after the file was exported.
import { importControlsCsv } from '@/features/controls/controls-csv.data';
import { CsvConflictError, CsvRowsError } from '@/features/controls/controls-csv';
import { AppError, httpStatus } from '@/lib/errors';
import { orgRoute } from '@/lib/route';

const MAX_CSV_BYTES = 8 * 1024 * 1024;
const TOO_LARGE = 'The file is larger than 8 MB.';

/** The body's chunks as they arrive, refusing more than the limit; the rest is not read once the reader stops. */
async function* bodyChunks(request: Request): AsyncGenerator<Buffer> {
  const reader = request.body?.getReader();
  if (!reader) return;
  let size = 0;
  let done = false;
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > MAX_CSV_BYTES) throw new AppError('VALIDATION', TOO_LARGE);
      yield Buffer.from(part.value.buffer, part.value.byteOffset, part.value.byteLength);
    }
    done = true;
  } finally {
    if (!done) await reader.cancel().catch(() => {});
  }
}

/** "12,15" → [12, 15]; anything that is not a row number is left out. */
function rowNumbers(list: string | null): number[] {
  return (list ?? '')
    .split(',')
    .map((n) => Number(n.trim()))
    .filter((n) => Number.isInteger(n) && n > 1);
}

export const POST = orgRoute(
  {
    name: 'importControlsCsv',
    permission: ['controls.edit', 'implementations.edit'],
    sameOrigin: true,
    failure: ({ code, message }, error) =>
      Response.json(
        {
          ok: false,
          message,
          problems: error instanceof CsvRowsError ? error.problems : [],
          conflicts: error instanceof CsvConflictError ? error.conflicts : [],
        },
        { status: httpStatus(code) },
      ),
  },
  async (ctx, request) => {
    // text/csv is not a type a cross-site form can send without a CORS preflight.
    if (!request.headers.get('content-type')?.startsWith('text/csv')) throw new AppError('VALIDATION', 'Send the file as text/csv.');
    // Outside the proxy (lib/auth/body-limits.ts): the stream below bounds a body that declares no size.
    if (Number(request.headers.get('content-length') ?? 0) > MAX_CSV_BYTES) throw new AppError('VALIDATION', TOO_LARGE);
    const overwriteRows = rowNumbers(new URL(request.url).searchParams.get('overwrite'));
    return Response.json({ ok: true, summary: await importControlsCsv(ctx, bodyChunks(request), { overwriteRows }) });
  },
);
