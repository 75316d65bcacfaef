// Controls CSV upload. A route handler rather than a server action: a register of a thousand
// controls with their statements is larger than the 1 MB an action accepts.
import { importControlsCsv } from '@/features/controls/controls-csv.data';
import { CsvRowsError } from '@/features/controls/controls-csv';
import { readTextWithin } from '@/lib/auth/body-limits';
import { requireOrgContext } from '@/lib/auth/context';
import { AppError, httpStatus, toActionError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/same-origin';

const MAX_CSV_BYTES = 8 * 1024 * 1024;

export async function POST(request: Request, { params }: RouteContext<'/[org]/controls/import/upload'>) {
  try {
    assertSameOrigin(request);
    const ctx = await requireOrgContext((await params).org);
    // text/csv is not a type a cross-site form can send without a CORS preflight.
    if (!request.headers.get('content-type')?.startsWith('text/csv')) throw new AppError('VALIDATION', 'Send the file as text/csv.');
    if (Number(request.headers.get('content-length') ?? 0) > MAX_CSV_BYTES)
      throw new AppError('VALIDATION', 'The file is larger than 8 MB.');
    // Outside the proxy (lib/auth/body-limits.ts): nothing else bounds a body that declares no size.
    const text = await readTextWithin(request, MAX_CSV_BYTES);
    if (text === null) throw new AppError('VALIDATION', 'The file is larger than 8 MB.');
    return Response.json({ ok: true, summary: await importControlsCsv(ctx, text) });
  } catch (error) {
    const { code, message } = toActionError(error);
    const problems = error instanceof CsvRowsError ? error.problems : [];
    return Response.json({ ok: false, message, problems }, { status: httpStatus(code) });
  }
}
