// Controls CSV upload. A route handler rather than a server action: a register of a thousand
// controls with their statements is larger than the 1 MB an action accepts.
import { importControlsCsv } from '@/features/controls/controls-csv.data';
import { CsvRowsError } from '@/features/controls/controls-csv';
import { AppError, httpStatus } from '@/lib/errors';
import { orgRoute } from '@/lib/route';

// Below the 10 MB that Next.js buffers for the proxy by default.
const MAX_CSV_BYTES = 8 * 1024 * 1024;

export const POST = orgRoute(
  {
    name: 'importControlsCsv',
    permission: ['controls.edit', 'implementations.edit'],
    sameOrigin: true,
    failure: ({ code, message }, error) =>
      Response.json({ ok: false, message, problems: error instanceof CsvRowsError ? error.problems : [] }, { status: httpStatus(code) }),
  },
  async (ctx, request) => {
    // text/csv is not a type a cross-site form can send without a CORS preflight.
    if (!request.headers.get('content-type')?.startsWith('text/csv')) throw new AppError('VALIDATION', 'Send the file as text/csv.');
    if (Number(request.headers.get('content-length') ?? 0) > MAX_CSV_BYTES)
      throw new AppError('VALIDATION', 'The file is larger than 8 MB.');
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_CSV_BYTES) throw new AppError('VALIDATION', 'The file is larger than 8 MB.');
    return Response.json({ ok: true, summary: await importControlsCsv(ctx, text) });
  },
);
