import { z } from 'zod';

/** A code from the authenticator app (6 digits) or, where allowed, a recovery code. */
const codeSchema = z.string().trim().min(1, 'Enter a code.').max(64, 'This code is too long.');

/** The first code from the app, confirming it holds the secret. */
export const confirmMfaSchema = z.object({
  code: codeSchema.regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code your app shows now.'),
});
export type ConfirmMfaInput = z.input<typeof confirmMfaSchema>;

/** Turning the second factor off: a current code or an unused recovery code. */
export const disableMfaSchema = z.object({ code: codeSchema });
export type DisableMfaInput = z.input<typeof disableMfaSchema>;
