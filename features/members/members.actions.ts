'use server';
import { orgAction } from '@/lib/action';
import { changeMemberRole, setAuditPeriod, setMemberDisabled } from './members.data';
import { changeMemberRoleSchema, setAuditPeriodSchema, setMemberDisabledSchema } from './members.schema';

export const changeMemberRoleAction = orgAction(changeMemberRoleSchema, changeMemberRole);
export const setMemberDisabledAction = orgAction(setMemberDisabledSchema, setMemberDisabled);
export const setAuditPeriodAction = orgAction(setAuditPeriodSchema, setAuditPeriod);
