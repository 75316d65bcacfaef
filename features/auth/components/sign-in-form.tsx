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
import { MFA_CODE_REQUIRED } from '@/features/mfa/mfa.policy';
import { signInSchema, type SignInInput } from '../auth.schema';

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [message, setMessage] = useState<string | null>(null);
  // Once the password was right for an account with a second factor, the form asks for its code.
  const [needsCode, setNeedsCode] = useState(false);
  const form = useForm<SignInInput, unknown, z.output<typeof signInSchema>>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '', code: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const { code, ...credentials } = values;
    const result = await signIn('credentials', { ...credentials, ...(code ? { code } : {}), redirect: false });
    if (result?.error === MFA_CODE_REQUIRED) {
      setNeedsCode(true);
      setTimeout(() => form.setFocus('code'));
      return;
    }
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
      {needsCode && (
        <Field
          label="Authentication code"
          error={errors.code?.message}
          hint="The 6-digit code your authenticator app shows for Demarc, or one of your recovery codes."
        >
          {(p) => <input {...p} inputMode="text" autoComplete="one-time-code" {...form.register('code')} />}
        </Field>
      )}
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
