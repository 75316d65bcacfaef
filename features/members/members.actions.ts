'use server';
import { orgAction } from '@/lib/action';
import { addMember, changeMemberRole, setMemberDisabled } from './members.data';
import { addMemberSchema, changeMemberRoleSchema, setMemberDisabledSchema } from './members.schema';

export const addMemberAction = orgAction(addMemberSchema, addMember);
export const changeMemberRoleAction = orgAction(changeMemberRoleSchema, changeMemberRole);
export const setMemberDisabledAction = orgAction(setMemberDisabledSchema, setMemberDisabled);
