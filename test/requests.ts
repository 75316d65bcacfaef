// Runs server actions and route handlers the way a request does, through their own wrappers
// (lib/action.ts, lib/route.ts), with a session chosen by the test instead of a cookie.
import type { SessionSource } from '@/lib/auth/context';
import type { OrgContext } from '@/lib/auth/permissions';
import { describeAction, type RequestDeps } from '@/lib/action';
import { describeRoute } from '@/lib/route';

/** No session at all (signed out). */
export const signedOut: SessionSource = async () => null;

/** The session of a member (or any user id), as next-auth would give it. */
export const sessionOf =
  (who: Pick<OrgContext, 'userId'>, sessionVersion = 0): SessionSource =>
  async () => ({
    userId: who.userId,
    sessionVersion,
  });

/** Request dependencies for a test: the given session, and nothing to revalidate outside Next.js. */
export const deps = (session: SessionSource): RequestDeps => ({ session, revalidate: () => {} });

/** Calls an organization action as the given session would. */
export function callAction(action: unknown, session: SessionSource, orgSlug: string, input: unknown, request?: unknown) {
  const description = describeAction(action);
  if (description?.kind !== 'org') throw new Error('Not an organization action');
  return description.run(deps(session), orgSlug, input, request);
}

/** Calls an action outside any organization (an account action, or a public one such as sign-up). */
export function callUserAction(action: unknown, session: SessionSource, input?: unknown) {
  const description = describeAction(action);
  if (description?.kind !== 'session' && description?.kind !== 'public') throw new Error('Not an account or public action');
  return description.run(deps(session), input);
}

/** Calls a route handler as the given session would, with the route's params. */
export function callRoute(handler: unknown, session: SessionSource, request: Request, params: Record<string, string>) {
  const description = describeRoute(handler);
  if (description?.kind !== 'org') throw new Error('Not an organization route');
  return description.run({ session }, request, { params: Promise.resolve(params) });
}

/** A request as Demarc's own pages send it (same origin). */
export function pageRequest(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('host', 'localhost:3000');
  if (!headers.has('origin')) headers.set('origin', 'http://localhost:3000');
  return new Request(`http://localhost:3000${path}`, { ...init, headers, ...(init.body ? { duplex: 'half' } : {}) } as RequestInit);
}
