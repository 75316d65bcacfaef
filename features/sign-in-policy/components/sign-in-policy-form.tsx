'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { applyServerErrors } from '@/lib/form-errors';
import { setSignInPolicyAction } from '../sign-in-policy.actions';
import { setSignInPolicySchema, type SetSignInPolicyInput } from '../sign-in-policy.schema';

/** Owners and admins: require a second factor of every member (applies from their next request). */
export function SignInPolicyForm({
  orgSlug,
  policy,
  ssoEnabled,
}: {
  orgSlug: string;
  policy: { requireMfa: boolean; requireSso: boolean; version: number };
  ssoEnabled: boolean;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<SetSignInPolicyInput, unknown, z.output<typeof setSignInPolicySchema>>({
    resolver: zodResolver(setSignInPolicySchema),
    values: policy,
  });
  const { isSubmitting, isDirty } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await setSignInPolicyAction(orgSlug, values);
    if (!result.ok) {
      setMessage({ tone: 'error', text: applyServerErrors(form.setError, result.error, []) ?? result.error.message });
      return;
    }
    const text =
      result.data.requireSso && !policy.requireSso
        ? 'Single sign-on is now required.'
        : result.data.requireMfa
          ? 'Two-factor authentication is now required.'
          : 'Saved.';
    setMessage({ tone: 'success', text });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" {...form.register('requireMfa')} />
        <span>
          <span className="font-medium">Require two-factor authentication</span>
          <span className="block text-slate-600">
            Members without it are sent to set it up on their next page or action, and can do nothing in this organization until they have.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" disabled={!ssoEnabled && !policy.requireSso} {...form.register('requireSso')} />
        <span>
          <span className="font-medium">Require single sign-on</span>
          <span className="block text-slate-600">
            Members whose session did not come through this organization’s identity provider are sent to sign in through it on their next
            page or action. Owners with two-factor authentication may still sign in with their password, in case the provider fails.
            {!ssoEnabled && ' Set up and turn on single sign-on first.'}
          </span>
        </span>
      </label>
      <Button type="submit" disabled={isSubmitting || !isDirty}>
        {isSubmitting ? 'Saving…' : 'Save sign-in policy'}
      </Button>
    </form>
  );
}
