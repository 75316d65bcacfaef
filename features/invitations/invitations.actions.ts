'use server';
import { orgAction, publicAction, sessionInputAction } from '@/lib/action';
import { acceptInvitation, acceptInvitationWithNewAccount, refuseGuessableInvitationPassword } from './accept-invitation.data';
import { mailInvitation } from '@/features/notifications/invitation-mail.data';
import { inviteMember, revokeInvitation } from './invitations.data';
import { acceptInvitationSchema, acceptWithNewAccountSchema, inviteMemberSchema, revokeInvitationSchema } from './invitations.schema';

/** The link is shown to the admin once; with SMTP set it is also e-mailed to the invited address. */
export const inviteMemberAction = orgAction(
  { name: 'inviteMember', permission: 'members.manage', schema: inviteMemberSchema },
  async (ctx, input) => {
    const invitation = await inviteMember(ctx, input);
    return { ...invitation, emailed: await mailInvitation(ctx, invitation) };
  },
);
export const revokeInvitationAction = orgAction(
  { name: 'revokeInvitation', permission: 'members.manage', schema: revokeInvitationSchema },
  revokeInvitation,
);

/** The invited person, signed in as the invited email. */
export const acceptInvitationAction = sessionInputAction(
  { name: 'acceptInvitation', schema: async () => acceptInvitationSchema },
  async (session, input) => {
    const { orgSlug } = await acceptInvitation(session, input);
    return { orgSlug };
  },
);

/** The invited person without an account, choosing their own name and password: the token is the authorization. */
export const acceptWithNewAccountAction = publicAction(
  { name: 'acceptInvitationWithNewAccount', schema: acceptWithNewAccountSchema },
  async (input) => {
    await refuseGuessableInvitationPassword(input);
    const { orgSlug, email } = await acceptInvitationWithNewAccount(input);
    return { orgSlug, email };
  },
);
