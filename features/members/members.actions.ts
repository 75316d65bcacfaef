'use server';
import { orgAction } from '@/lib/action';
import { addMember, changeMemberRole, setAuditPeriod, setMemberDisabled } from './members.data';
import { addMemberSchema, changeMemberRoleSchema, setAuditPeriodSchema, setMemberDisabledSchema } from './members.schema';

export const addMemberAction = orgAction(addMemberSchema, addMember);
export const changeMemberRoleAction = orgAction(changeMemberRoleSchema, changeMemberRole);
export const setMemberDisabledAction = orgAction(setMemberDisabledSchema, setMemberDisabled);
export const setAuditPeriodAction = orgAction(setAuditPeriodSchema, setAuditPeriod);
