'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { signUpAction } from '../auth.actions';
import { PASSWORD_MIN_LENGTH } from '../password.policy';
import { signUpSchema, type SignUpInput } from '../auth.schema';

const FIELDS = ['name', 'email', 'password', 'organizationName'] as const;

export function SignUpForm() {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SignUpInput, unknown, z.output<typeof signUpSchema>>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', password: '', organizationName: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await signUpAction(values);
    if (!result.ok) {
      setMessage(applyServerErrors(form.setError, result.error, FIELDS));
      return;
    }
    const signedIn = await signIn('credentials', { email: values.email, password: values.password, redirect: false });
    router.push(signedIn?.ok ? `/${result.data.orgSlug}` : '/sign-in');
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone="error">{message}</Alert>}
      <Field label="Your name" error={errors.name?.message}>
        {(p) => <input {...p} autoComplete="name" autoFocus {...form.register('name')} />}
      </Field>
      <Field label="Work email" error={errors.email?.message}>
        {(p) => <input {...p} type="email" autoComplete="email" {...form.register('email')} />}
      </Field>
      <Field
        label="Password"
        error={errors.password?.message}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Several uncommon words make a good one; passwords that are easy to guess are refused.`}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" {...form.register('password')} />}
      </Field>
      <Field label="Organization name" error={errors.organizationName?.message} hint="You become its owner and can invite others.">
        {(p) => <input {...p} autoComplete="organization" {...form.register('organizationName')} />}
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? 'Creating…' : 'Create organization'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/sign-in" className="text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
