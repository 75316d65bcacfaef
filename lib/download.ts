import 'server-only';
import type { OrgContext } from '@/lib/auth/permissions';
import { httpStatus, type ActionError } from './errors';
import type { Requirement } from './action';
import { orgRoute } from './route';

type File = { body: BodyInit; fileName: string; contentType: string; size?: number };

/** A download's failure: plain text with its status (the browser shows it as the page). */
export function textFailure({ code, message }: ActionError): Response {
  return new Response(message, { status: httpStatus(code), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * A download route: authorized like every organization route, the file goes out as an attachment,
 * never sniffed by the browser, never cached; any failure becomes a plain-text answer with its status.
 */
export function orgDownload<P extends { org: string }>(
  spec: { name: string; permission: Requirement },
  produce: (ctx: OrgContext, params: P, request: Request) => Promise<File>,
) {
  return orgRoute<P>({ ...spec, failure: textFailure }, async (ctx, request, params) => {
    const { body, fileName, contentType, size } = await produce(ctx, params, request);
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
  });
}
