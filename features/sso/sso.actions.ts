'use server';
import { cookies } from 'next/headers';
import { orgAction, sessionAction } from '@/lib/action';
import { ssoSessionCookie } from '@/lib/auth/context';
import { AppError } from '@/lib/errors';
import { expired, LINK_COOKIE, readPendingLink } from './sso-cookies';
import { findEnabledConnection, saveSsoConnection } from './sso-connection.data';
import { linkPendingIdentity } from './sso-sign-in.data';
import { saveSsoConnectionSchema } from './sso.schema';

export const saveSsoConnectionAction = orgAction(
  { name: 'saveSsoConnection', permission: 'sso.manage', schema: saveSsoConnectionSchema },
  saveSsoConnection,
);

/**
 * Links the identity waiting in this browser (the provider signed its owner in, and the account
 * with that address already existed) to the account just signed in with its password: from now
 * on the provider signs it in directly. This session then counts as one through single sign-on.
 */
export const linkSsoIdentityAction = sessionAction({ name: 'linkSsoIdentity' }, async (session) => {
  const store = await cookies();
  const pending = readPendingLink(store.get(LINK_COOKIE)?.value);
  if (!pending)
    throw new AppError(
      'NOT_FOUND',
      'There is no identity waiting to be linked, or it waited too long. Sign in through single sign-on again.',
    );
  const result = await linkPendingIdentity(session, pending, await findEnabledConnection({ orgId: pending.orgId }));
  const gone = expired(LINK_COOKIE);
  store.set(gone.name, gone.value, gone.options);
  const fresh = await ssoSessionCookie(result.user, pending.orgId);
  store.set(fresh.name, fresh.value, fresh.options);
  return { orgSlug: result.orgSlug };
});
