'use server';
import { parseInput, runAction } from '@/lib/action';
import { readSession } from '@/lib/auth/context';
import { AppError } from '@/lib/errors';
import { signOutEverywhere, signUp } from './auth.data';
import { signUpSchema, type SignUpInput } from './auth.schema';

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
