import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { requireOrgContext } from '@/lib/auth/context';
import type { OrgContext } from '@/lib/auth/permissions';
import { AppError, toActionError, type ActionResult, type FieldErrors } from '@/lib/errors';

/** Parses with the same schema the form used; failures become field errors. */
export async function parseInput<S extends z.ZodType>(schema: S, input: unknown): Promise<z.output<S>> {
  const parsed = await schema.safeParseAsync(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError('VALIDATION', 'Some fields need attention.', fieldErrors);
}

/** Runs an action body and turns any failure into a result the browser may see. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    return { ok: false, error: toActionError(error) };
  }
}

/**
 * The shape of every organization action: authorize (session, membership) → validate →
 * the data function (which checks the role and writes data and audit in one transaction)
 * → revalidate. A server action is a public endpoint, so none of this is skipped.
 */
export function orgAction<S extends z.ZodType, T>(schema: S, handler: (ctx: OrgContext, input: z.output<S>) => Promise<T>) {
  return async (orgSlug: string, input: z.input<S>): Promise<ActionResult<T>> =>
    runAction(async () => {
      const ctx = await requireOrgContext(orgSlug);
      const data = await handler(ctx, await parseInput(schema, input));
      revalidatePath(`/${ctx.orgSlug}`, 'layout');
      return data;
    });
}
