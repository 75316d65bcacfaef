import { AppError } from './errors';

const notOurs = () => new AppError('FORBIDDEN', 'This request did not come from a Demarc page.');

/**
 * Route handlers that change data accept requests from Demarc's own pages only. Server actions
 * get this check from Next.js; route handlers must make it themselves (with SameSite cookies
 * and the custom headers they require, a cross-site form cannot reach them). An origin that is
 * not a URL at all (`Origin: null` from a sandboxed frame or a file) is refused the same way.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host || !URL.canParse(origin) || new URL(origin).host !== host) throw notOurs();
}
