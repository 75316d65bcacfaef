'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { changePasswordAction } from '../auth.actions';
import { changePasswordSchema, type ChangePasswordInput } from '../auth.schema';
import { PASSWORD_MIN_LENGTH } from '../password.policy';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** Change password: the current one, a new one under the sign-up rule, typed twice. */
export function ChangePasswordForm({ user }: { user: { name: string; email: string } }) {
  const router = useRouter();
  const schema = useMemo(() => changePasswordSchema(user), [user]);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<ChangePasswordInput, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await changePasswordAction(values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset();
    setMessage({ tone: 'success', text: 'Password changed. Your other sessions have ended; this one goes on.' });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" autoComplete="username" value={user.email} readOnly hidden />
      <Field label="Current password" error={errors.currentPassword?.message}>
        {(p) => <input {...p} type="password" autoComplete="current-password" {...form.register('currentPassword')} />}
      </Field>
      <Field
        label="New password"
        error={errors.newPassword?.message}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Several uncommon words make a good one; passwords that are easy to guess are refused.`}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" {...form.register('newPassword')} />}
      </Field>
      <Field label="New password again" error={errors.confirmPassword?.message}>
        {(p) => <input {...p} type="password" autoComplete="new-password" {...form.register('confirmPassword')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
