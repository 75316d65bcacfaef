'use server';
import { publicAction, sessionAction } from '@/lib/action';
import { signOutEverywhere, signUp } from './auth.data';
import { signUpSchema } from './auth.schema';

export const signUpAction = publicAction({ name: 'signUp', schema: signUpSchema }, signUp);

/** Refused (UNAUTHENTICATED, with a message) when the session was already signed out everywhere. */
export const signOutEverywhereAction = sessionAction({ name: 'signOutEverywhere' }, signOutEverywhere);
