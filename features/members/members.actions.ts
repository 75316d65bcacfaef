'use server';
import { orgAction } from '@/lib/action';
import { changeMemberRole, setAuditPeriod, setMemberDisabled } from './members.data';
import { changeMemberRoleSchema, setAuditPeriodSchema, setMemberDisabledSchema } from './members.schema';

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
