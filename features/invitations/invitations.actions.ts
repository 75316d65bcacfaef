'use server';
import { orgAction, parseInput, runAction } from '@/lib/action';
import { readSession } from '@/lib/auth/context';
import { AppError } from '@/lib/errors';
import { acceptInvitation, acceptInvitationWithNewAccount } from './accept-invitation.data';
import { inviteMember, revokeInvitation } from './invitations.data';
import {
  acceptInvitationSchema,
  acceptWithNewAccountSchema,
  inviteMemberSchema,
  revokeInvitationSchema,
  type AcceptInvitationInput,
  type AcceptWithNewAccountInput,
} from './invitations.schema';

export const inviteMemberAction = orgAction(inviteMemberSchema, inviteMember);
export const revokeInvitationAction = orgAction(revokeInvitationSchema, revokeInvitation);

/** Public: the invited person, signed in as the invited email. */
export async function acceptInvitationAction(input: AcceptInvitationInput) {
  return runAction(async () => {
    const session = await readSession();
    if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in to accept this invitation.');
    const { orgSlug } = await acceptInvitation(session, await parseInput(acceptInvitationSchema, input));
    return { orgSlug };
  });
}

/** Public: the invited person without an account, choosing their own name and password. */
export async function acceptWithNewAccountAction(input: AcceptWithNewAccountInput) {
  return runAction(async () => {
    const { orgSlug, email } = await acceptInvitationWithNewAccount(await parseInput(acceptWithNewAccountSchema, input));
    return { orgSlug, email };
  });
}
