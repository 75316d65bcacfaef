import { AppError } from './errors';

/**
 * Route handlers that change data accept requests from Demarc's own pages only. Server actions
 * get this check from Next.js; route handlers must make it themselves (with SameSite cookies
 * and the custom headers they require, a cross-site form cannot reach them).
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host || new URL(origin).host !== host) {
    throw new AppError('FORBIDDEN', 'This request did not come from a Demarc page.');
  }
}
