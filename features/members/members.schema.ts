import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';

export const roleSchema = z.enum(ROLES, 'Choose a role.');

/** A role below Editor cannot own controls: someone who owns some names who takes them over. */
export const changeMemberRoleSchema = z.object({
  membershipId: z.uuid(),
  role: roleSchema,
  reassignTo: z.uuid('Choose the new owner.').optional(),
});
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

/** Disabling someone who owns customer halves names who takes them over, so nothing is orphaned. */
export const setMemberDisabledSchema = z.object({
  membershipId: z.uuid(),
  disabled: z.boolean(),
  reassignTo: z.uuid('Choose the new owner.').optional(),
});
export type SetMemberDisabledInput = z.input<typeof setMemberDisabledSchema>;

/** An auditor's audit period; both ends empty removes the limit. */
export const setAuditPeriodSchema = z
  .object({
    membershipId: z.uuid(),
    start: z.union([z.literal(''), z.iso.date('Enter a date.')]),
    end: z.union([z.literal(''), z.iso.date('Enter a date.')]),
  })
  .refine((p) => !p.start || !p.end || p.end >= p.start, { path: ['end'], message: 'The period ends before it starts.' });
export type SetAuditPeriodInput = z.input<typeof setAuditPeriodSchema>;
