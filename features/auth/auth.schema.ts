import { z } from 'zod';
import { normalizeEmail } from './auth.policy';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordWeakness } from './password.policy';

export const emailSchema = z
  .string()
  .max(254, 'Use at most 254 characters.')
  .transform(normalizeEmail)
  .pipe(z.email('Enter a valid email address.'));

/** A password's length only: no composition rules (NIST SP 800-63B). */
export const passwordLengthSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

function hasUsableLength(password: unknown): password is string {
  return typeof password === 'string' && password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH;
}

/**
 * The strength rule for a password someone chooses, as a refinement of an object schema:
 * `field` must not be easy to guess (zxcvbn score ≥ 3), counting the person's own words
 * (`personal`: their name, email …) and Demarc's as guessable. The refusal says why.
 */
export function strongPassword<T extends Record<string, unknown>>(field: keyof T & string, personal: (value: T) => unknown[]) {
  return async (value: T, ctx: z.RefinementCtx) => {
    const password = value[field];
    // Too short or too long already has its own message.
    if (!hasUsableLength(password)) return;
    const weakness = await passwordWeakness(password, personal(value));
    if (weakness) ctx.addIssue({ code: 'custom', path: [field], message: weakness });
  };
}

/**
 * A new password where nothing is known about its person (e.g. an initial password set by
 * an admin): length and strength, with Demarc's own words counted as guessable.
 */
export const newPasswordSchema = passwordLengthSchema.superRefine(async (password, ctx) => {
  const weakness = await passwordWeakness(password);
  if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
});

export const personNameSchema = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');

export const signUpSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordLengthSchema,
    organizationName: z
      .string()
      .trim()
      .min(2, 'Use at least 2 characters.')
      .max(100, 'Use at most 100 characters.')
      .regex(/[\p{L}\p{N}]/u, 'Include at least one letter or digit.'),
  })
  .superRefine(strongPassword('password', (v) => [v.name, v.email, v.organizationName]));
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH, 'Password is too long.'),
  /** The second factor, asked for once the password was right: a 6-digit code or a recovery code. */
  code: z
    .string()
    .trim()
    .max(64, 'This code is too long.')
    .optional()
    .transform((code) => code || undefined),
});
export type SignInInput = z.input<typeof signInSchema>;

/**
 * Changing one's password, for the signed-in `user`: the current password, and a new one
 * under the same strength rule as at sign-up (not built from their name, email or the
 * current password), typed twice.
 */
export function changePasswordSchema(user: { name: string; email: string }) {
  return z
    .object({
      currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH, 'Password is too long.'),
      newPassword: passwordLengthSchema,
      confirmPassword: z.string(),
    })
    .superRefine(async (v, ctx) => {
      if (v.confirmPassword !== v.newPassword) {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'This does not match the new password.' });
      }
      if (hasUsableLength(v.newPassword) && v.newPassword === v.currentPassword) {
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'Choose a password other than your current one.' });
        return;
      }
      await strongPassword('newPassword', () => [user.name, user.email, v.currentPassword])(v, ctx);
    });
}
export type ChangePasswordInput = z.input<ReturnType<typeof changePasswordSchema>>;
