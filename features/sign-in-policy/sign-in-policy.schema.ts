import { z } from 'zod';
import { rowVersion } from '@/lib/schema';

/**
 * An organization's sign-in policy. Today one rule, "require MFA"; others (single sign-on) join
 * this object and its version.
 */
export const setSignInPolicySchema = z.object({
  requireMfa: z.boolean(),
  version: rowVersion(0),
});
export type SetSignInPolicyInput = z.input<typeof setSignInPolicySchema>;
