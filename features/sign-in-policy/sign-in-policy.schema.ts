import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

/**
 * An organization's sign-in policy: "require MFA" and "require single sign-on", under one
 * version. A rule left out keeps its current value.
 */
export const setSignInPolicySchema = z.object({
  requireMfa: z.boolean(),
  requireSso: z.boolean().optional(),
  version: rowVersion(0),
});
export type SetSignInPolicyInput = z.input<typeof setSignInPolicySchema>;
