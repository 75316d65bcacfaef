import { z } from 'zod';
import { emailSchema, passwordLengthSchema, personNameSchema, strongPassword } from '@/features/auth/auth.schema';
import { roleSchema } from '@/features/members/members.schema';

/**
 * Adding a member invites them: only the email and the role. Whether the email already has a
 * Demarc account is never asked nor told.
 */
export const inviteMemberSchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });
export type RevokeInvitationInput = z.input<typeof revokeInvitationSchema>;

/** The token from the link. Its shape is checked where it is looked up: a bad one names no invitation. */
const tokenSchema = z.string().max(200);

/** Accepting while signed in as the invited email. */
export const acceptInvitationSchema = z.object({ token: tokenSchema });
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

/**
 * Accepting without an account: the invited person chooses their own name and password. The
 * name counts as guessable here; the invited email and the organization's name are known only
 * from the token, so the server counts them too (acceptInvitationWithNewAccount).
 */
export const acceptWithNewAccountSchema = z
  .object({ token: tokenSchema, name: personNameSchema, password: passwordLengthSchema })
  .superRefine(strongPassword('password', (v) => [v.name]));
export type AcceptWithNewAccountInput = z.input<typeof acceptWithNewAccountSchema>;
