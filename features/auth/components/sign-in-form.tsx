'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { signInSchema, type SignInInput } from '../auth.schema';

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SignInInput, unknown, z.output<typeof signInSchema>>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await signIn('credentials', { ...values, redirect: false });
    if (!result || result.error) {
      setMessage(!result || result.error === 'CredentialsSignin' ? 'The email or password is incorrect.' : result.error);
      return;
    }
    router.push(safeCallbackUrl(params.get('callbackUrl'), window.location.origin));
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone="error">{message}</Alert>}
      <Field label="Email" error={errors.email?.message}>
        {(p) => <input {...p} type="email" autoComplete="username" autoFocus {...form.register('email')} />}
      </Field>
      <Field label="Password" error={errors.password?.message}>
        {(p) => <input {...p} type="password" autoComplete="current-password" {...form.register('password')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        New to Demarc?{' '}
        <Link href="/sign-up" className="text-brand-600 hover:underline">
          Create an organization
        </Link>
      </p>
    </form>
  );
}
