'use server';
import { headers } from 'next/headers';
import { publicAction, sessionAction, sessionInputAction } from '@/lib/action';
import { clientAddress } from '@/lib/auth/client-address';
import { reissueSession } from '@/lib/auth/context';
import { AppError } from '@/lib/errors';
import { changePassword, findSessionUser, signOutEverywhere, signUp } from './auth.data';
import { changePasswordSchema, signUpSchema } from './auth.schema';

export const signUpAction = publicAction({ name: 'signUp', schema: signUpSchema }, signUp);

/** Refused (UNAUTHENTICATED, with a message) when the session was already signed out everywhere. */
export const signOutEverywhereAction = sessionAction({ name: 'signOutEverywhere' }, signOutEverywhere);

/** Changes the password, ends every other session and keeps this one (re-issued at the new version). */
export const changePasswordAction = sessionInputAction(
  {
    name: 'changePassword',
    // The same schema as the form, with the same person: their name and email are not a password.
    schema: async (session) => {
      const user = await findSessionUser(session);
      if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
      return changePasswordSchema(user);
    },
  },
  async (session, { currentPassword, newPassword }) => {
    const ip = clientAddress((await headers()).get('x-forwarded-for'));
    const { sessionVersion } = await changePassword(session, { currentPassword, newPassword, ip });
    await reissueSession(sessionVersion);
  },
);
