import 'server-only';
import { getServerSession } from 'next-auth';
import { decode, encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { findOrgAccess, findSessionUser } from '@/features/auth/auth.data';
import { recordRefusal } from '@/features/audit/audit.data';
import { AppError } from '@/lib/errors';
import { isSafeText } from '@/lib/safe-input';
import { authOptions } from './options';
import type { OrgContext } from './permissions';
import { SESSION_COOKIES, SESSION_MAX_AGE_SECONDS, sessionCookieOptions } from './session-token';

/**
 * A session's claims: who signed in, the session version they signed in with, and the
 * organization whose single sign-on made the session, if one did (features/sso).
 */
export type SessionClaims = { userId: string; sessionVersion: number; ssoOrgId?: string };

/**
 * Where a request's session comes from. The app always reads next-auth's signed cookie
 * (`readSession`); the wrappers in lib/action.ts take the source as a parameter, so a test can
 * run an action with a session of its choosing without anything in the app being switchable.
 */
export type SessionSource = () => Promise<SessionClaims | null>;

/** The signed-in session's claims, unverified against the database. */
export const readSession: SessionSource = async () => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return { userId: session.user.id, sessionVersion: session.sessionVersion, ...(session.ssoOrgId ? { ssoOrgId: session.ssoOrgId } : {}) };
};

const sessionEnded = () => new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');

/** A session that is still live (not signed out everywhere), or UNAUTHENTICATED. */
export async function requireSession(source: SessionSource = readSession): Promise<SessionClaims> {
  const session = await source();
  if (!session || !(await findSessionUser(session))) throw sessionEnded();
  return session;
}

/** Slugs are short lower-case words; anything else in the URL cannot name an organization. */
const isPlausibleSlug = (slug: unknown): slug is string => typeof slug === 'string' && slug.length <= 200 && isSafeText(slug);

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

/** The session cookie's name: next-auth's, with the __Secure- prefix when NEXTAUTH_URL is https. */
function sessionCookieName(): (typeof SESSION_COOKIES)[number] {
  return process.env.NEXTAUTH_URL?.startsWith('https:') ? SESSION_COOKIES[1] : SESSION_COOKIES[0];
}

/**
 * A new next-auth session for a user who signed in through an organization's single sign-on
 * (features/sso): the same token the credentials sign-in makes, naming that organization. The
 * caller sets the cookie on its response.
 */
export async function ssoSessionCookie(user: { id: string; email: string; name: string; sessionVersion: number }, ssoOrgId: string) {
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set: sessions cannot be issued.');
  const name = sessionCookieName();
  const token = { sub: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, ssoOrgId };
  return { name, value: await encode({ token, secret, maxAge: SESSION_MAX_AGE_SECONDS }), options: sessionCookieOptions(name) };
}

/**
 * The organization requires single sign-on and this session did not come through it: refused
 * everywhere in that organization until the member signs in through it (owners with a second
 * factor keep their password as the way in when the identity provider fails).
 */
export class SsoSignInRequired extends AppError {
  constructor(readonly orgSlug: string) {
    super('FORBIDDEN', 'This organization requires single sign-on. Sign in through your identity provider.', undefined, {
      entityType: 'SignInPolicy',
    });
  }
}

/** Where a member whose session did not come through their organization's single sign-on is sent. */
export const ssoSignInPath = (orgSlug: string) => `/sign-in?sso=${encodeURIComponent(orgSlug)}&callbackUrl=/${encodeURIComponent(orgSlug)}`;

/**
 * The organization requires a second factor and the caller has none: refused (403) everywhere in
 * that organization until they enrol on their account page, which stays open to them.
 */
export class MfaEnrolmentRequired extends AppError {
  constructor() {
    super(
      'FORBIDDEN',
      'This organization requires two-factor authentication. Turn it on under Your account (/account), then come back.',
      undefined,
      { entityType: 'SignInPolicy' },
    );
  }
}

/** Where a member without the second factor their organization requires is sent. */
export const MFA_ENROL_PATH = '/account?mfa=required';

/**
 * The one authorization path for actions and routes: the session, a live membership of the
 * organization named in the URL, the organization's sign-in policy (a second factor when it
 * requires one), and the role. Refuses with an AppError otherwise.
 * A non-member gets NOT_FOUND, so other organizations' names cannot be probed; that refusal is
 * recorded (rate-limited) under the user's name as `via`/`name` say, without the slug they typed.
 */
export async function requireOrgContext(
  orgSlug: string,
  source: SessionSource = readSession,
  refusal: { via: 'action' | 'route' | 'page'; name: string } = { via: 'page', name: 'page' },
): Promise<OrgContext> {
  const session = await source();
  if (!session) throw sessionEnded();
  const access = isPlausibleSlug(orgSlug) ? await findOrgAccess(session, orgSlug) : null;
  if (access && !access.mfaMissing && !access.ssoMissing) return access.ctx;
  if (access) {
    // The sign-in policy, enforced on every request: no page, action or route until they sign in
    // through the organization's single sign-on, or enrol a second factor.
    const error = access.ssoMissing ? new SsoSignInRequired(orgSlug) : new MfaEnrolmentRequired();
    await recordRefusal(access.ctx, { ...refusal, error });
    throw error;
  }
  // A revoked session (signed out everywhere) signs in again rather than seeing a 404.
  if (!(await findSessionUser(session))) throw sessionEnded();
  const error = new AppError('NOT_FOUND', 'This organization does not exist or you are not a member.');
  await recordRefusal({ userId: session.userId, orgSlug: isPlausibleSlug(orgSlug) ? orgSlug : null }, { ...refusal, error });
  throw error;
}

/** The organization context of the page being rendered, so that page-level refusals can be recorded. */
const renderedPage = cache((): { ctx: OrgContext | null } => ({ ctx: null }));

/**
 * The same decision for pages: sign-in redirect or 404 instead of an error. Cached per
 * request, so a layout and its page share one lookup.
 */
export const pageOrgContext = cache(async (orgSlug: string): Promise<OrgContext> => {
  try {
    const ctx = await requireOrgContext(orgSlug);
    renderedPage().ctx = ctx;
    return ctx;
  } catch (error) {
    if (error instanceof SsoSignInRequired) redirect(ssoSignInPath(error.orgSlug));
    if (error instanceof MfaEnrolmentRequired) redirect(MFA_ENROL_PATH);
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') redirect(`/sign-in?callbackUrl=/${encodeURIComponent(orgSlug)}`);
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
});

/** Records a FORBIDDEN or NOT_FOUND that a page turns into a message or a 404. */
export async function recordPageRefusal(error: AppError): Promise<void> {
  const ctx = renderedPage().ctx;
  if (ctx) await recordRefusal(ctx, { via: 'page', name: 'page', error });
}

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
    if (error instanceof AppError && error.code === 'FORBIDDEN') {
      await recordPageRefusal(error);
      return { ok: false, message: error.message };
    }
    throw error;
  }
}
