import 'server-only';
import { toActionError, httpStatus } from './errors';

type File = { body: BodyInit; fileName: string; contentType: string; size?: number };

/**
 * Runs a download route: the file goes out as an attachment, never sniffed by the browser,
 * never cached; any failure becomes a plain-text answer with its status.
 */
export async function download(produce: () => Promise<File>): Promise<Response> {
  try {
    const { body, fileName, contentType, size } = await produce();
    const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
    return new Response(body, {
      headers: {
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        ...(size === undefined ? {} : { 'Content-Length': String(size) }),
      },
    });
  } catch (error) {
    const { code, message } = toActionError(error);
    return new Response(message, { status: httpStatus(code), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
