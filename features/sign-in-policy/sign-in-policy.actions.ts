'use server';
import { orgAction } from '@/lib/action';
import { setSignInPolicy } from './sign-in-policy.data';
import { setSignInPolicySchema } from './sign-in-policy.schema';

export const setSignInPolicyAction = orgAction(
  { name: 'setSignInPolicy', permission: 'members.manage', schema: setSignInPolicySchema },
  setSignInPolicy,
);
