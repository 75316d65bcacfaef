'use server';
import { orgAction } from '@/lib/action';
import { addMember, changeMemberRole, setAuditPeriod, setMemberDisabled } from './members.data';
import { addMemberSchema, changeMemberRoleSchema, setAuditPeriodSchema, setMemberDisabledSchema } from './members.schema';

export const addMemberAction = orgAction({ name: 'addMember', permission: 'members.manage', schema: addMemberSchema }, addMember);
export const changeMemberRoleAction = orgAction(
  { name: 'changeMemberRole', permission: 'members.manage', schema: changeMemberRoleSchema },
  changeMemberRole,
);
export const setMemberDisabledAction = orgAction(
  { name: 'setMemberDisabled', permission: 'members.manage', schema: setMemberDisabledSchema },
  setMemberDisabled,
);
export const setAuditPeriodAction = orgAction(
  { name: 'setAuditPeriod', permission: 'members.manage', schema: setAuditPeriodSchema },
  setAuditPeriod,
);
