import { z } from 'zod';
import { isCommonPassword, normalizeEmail, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.policy';

export const emailSchema = z
  .string()
  .max(254, 'Use at most 254 characters.')
  .transform(normalizeEmail)
  .pipe(z.email('Enter a valid email address.'));

/** Length only, no composition rules (NIST SP 800-63B); the common-password list is checked too. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine(async (password) => !(await isCommonPassword(password)), {
    message: 'This password is among the most common ones; choose another.',
  });

export const personNameSchema = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  organizationName: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters.')
    .max(100, 'Use at most 100 characters.')
    .regex(/[\p{L}\p{N}]/u, 'Include at least one letter or digit.'),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH, 'Password is too long.'),
});
export type SignInInput = z.input<typeof signInSchema>;
