'use server';
import { headers } from 'next/headers';
import { parseInput, runAction } from '@/lib/action';
import { clientAddress } from '@/lib/auth/client-address';
import { readSession, reissueSession } from '@/lib/auth/context';
import { AppError } from '@/lib/errors';
import { changePassword, findSessionUser, signOutEverywhere, signUp } from './auth.data';
import { changePasswordSchema, signUpSchema, type ChangePasswordInput, type SignUpInput } from './auth.schema';

export async function signUpAction(input: SignUpInput) {
  return runAction(async () => signUp(await parseInput(signUpSchema, input)));
}

export async function signOutEverywhereAction() {
  return runAction(async () => {
    const session = await readSession();
    if (!session) throw new AppError('UNAUTHENTICATED', 'You are already signed out.');
    await signOutEverywhere(session);
  });
}

/** Changes the password, ends every other session and keeps this one (re-issued at the new version). */
export async function changePasswordAction(input: ChangePasswordInput) {
  return runAction(async () => {
    const session = await readSession();
    const user = session && (await findSessionUser(session));
    if (!session || !user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    // The same schema as the form, with the same person: their name and email are not a password.
    const { currentPassword, newPassword } = await parseInput(changePasswordSchema(user), input);
    const ip = clientAddress((await headers()).get('x-forwarded-for'));
    const { sessionVersion } = await changePassword(session, { currentPassword, newPassword, ip });
    await reissueSession(sessionVersion);
  });
}
