import 'server-only';
import { getServerSession } from 'next-auth';
import { decode, encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { findOrgContext, findSessionUser } from '@/features/auth/auth.data';
import { AppError } from '@/lib/errors';
import { authOptions } from './options';
import type { OrgContext } from './permissions';
import { SESSION_COOKIES, SESSION_MAX_AGE_SECONDS, sessionCookieOptions } from './session-token';

/** The signed-in session's claims, unverified against the database. */
export async function readSession() {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { userId: session.user.id, sessionVersion: session.sessionVersion } : null;
}

/**
 * Replaces the current session's token with one at `sessionVersion`, for the browser that
 * just moved its user's session version on (a password change): every other session ends,
 * this one goes on. Only for server actions and route handlers, after the change was
 * authorized; the token is otherwise the same (user, name, email), with a fresh expiry.
 */
export async function reissueSession(sessionVersion: number): Promise<void> {
  const store = await cookies();
  const name = SESSION_COOKIES.find((n) => store.has(n));
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  const token = name && secret ? await decode({ token: store.get(name)?.value, secret }).catch(() => null) : null;
  if (!name || !secret || !token) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  const value = await encode({ token: { ...token, sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  store.set(name, value, sessionCookieOptions(name));
}

/**
 * The one authorization path for actions and routes: the session, a live membership of the
 * organization named in the URL, and the role. Refuses with an AppError otherwise.
 * A non-member gets NOT_FOUND, so other organizations' names cannot be probed.
 */
export async function requireOrgContext(orgSlug: string): Promise<OrgContext> {
  const session = await readSession();
  if (!session) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  const ctx = await findOrgContext(session, orgSlug);
  if (ctx) return ctx;
  // A revoked session (signed out everywhere) signs in again rather than seeing a 404.
  if (!(await findSessionUser(session))) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  throw new AppError('NOT_FOUND', 'This organization does not exist or you are not a member.');
}

/**
 * The same decision for pages: sign-in redirect or 404 instead of an error. Cached per
 * request, so a layout and its page share one lookup.
 */
export const pageOrgContext = cache(async (orgSlug: string): Promise<OrgContext> => {
  try {
    return await requireOrgContext(orgSlug);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') redirect(`/sign-in?callbackUrl=/${orgSlug}`);
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
});

/** The signed-in user with their organizations, or null when signed out or revoked. */
export const currentUser = cache(async () => {
  const session = await readSession();
  return session ? findSessionUser(session) : null;
});

/** For pages: a data call refused for the caller's role becomes a message instead of an error page. */
export async function orForbidden<T>(load: () => Promise<T>): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') return { ok: false, message: error.message };
    throw error;
  }
}
