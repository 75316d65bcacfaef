'use server';
import { headers } from 'next/headers';
import { sessionAction, sessionInputAction } from '@/lib/action';
import { clientAddress } from '@/lib/auth/client-address';
import { reissueSession } from '@/lib/auth/context';
import { confirmMfaEnrolment, disableMfa, startMfaEnrolment } from './mfa.data';
import { confirmMfaSchema, disableMfaSchema } from './mfa.schema';

/** Makes a new pending secret; the account page then shows its QR code. */
export const startMfaEnrolmentAction = sessionAction({ name: 'startMfaEnrolment' }, startMfaEnrolment);

/** Confirms with a first code; answers the recovery codes once. Other sessions end, this one goes on. */
export const confirmMfaEnrolmentAction = sessionInputAction(
  { name: 'confirmMfaEnrolment', schema: async () => confirmMfaSchema },
  async (session, input) => {
    const { recoveryCodes, sessionVersion } = await confirmMfaEnrolment(session, input);
    await reissueSession(sessionVersion);
    return { recoveryCodes };
  },
);

export const disableMfaAction = sessionInputAction({ name: 'disableMfa', schema: async () => disableMfaSchema }, async (session, input) => {
  const ip = clientAddress((await headers()).get('x-forwarded-for'));
  await disableMfa(session, { code: input.code, ip });
});
