'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { PASSWORD_MIN_LENGTH } from '@/features/auth/password.policy';
import { applyServerErrors } from '@/lib/form-errors';
import { acceptWithNewAccountAction } from '../invitations.actions';
import { acceptWithNewAccountSchema, type AcceptWithNewAccountInput } from '../invitations.schema';

const FIELDS = ['name', 'password'] as const;

/** Accepting without an account: the account is created for the invited email, with the person's own password. */
export function NewAccountForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AcceptWithNewAccountInput, unknown, z.output<typeof acceptWithNewAccountSchema>>({
    resolver: zodResolver(acceptWithNewAccountSchema),
    defaultValues: { token, name: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await acceptWithNewAccountAction(values);
    if (!result.ok) {
      setMessage(applyServerErrors(form.setError, result.error, FIELDS));
      return;
    }
    const destination = `/${result.data.orgSlug}`;
    const signedIn = await signIn('credentials', { email: result.data.email, password: values.password, redirect: false });
    router.push(signedIn?.ok ? destination : `/sign-in?callbackUrl=${encodeURIComponent(destination)}`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone="error">{message}</Alert>}
      {/* For password managers: the account's email is the invited one. */}
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      <Field label="Your name" error={errors.name?.message}>
        {(p) => <input {...p} autoComplete="name" {...form.register('name')} />}
      </Field>
      <Field
        label="Password"
        error={errors.password?.message}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Long passphrases welcome; very common passwords are refused.`}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" {...form.register('password')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? 'Creating your account…' : 'Create account and join'}
      </Button>
    </form>
  );
}
