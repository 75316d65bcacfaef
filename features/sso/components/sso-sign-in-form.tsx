'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSearchParams } from 'next/navigation';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { ssoRefusalMessage } from '../sso.policy';
import { startSsoSchema, type StartSsoInput } from '../sso.schema';

/**
 * "Sign in with SSO": the organization (its short name, or a work e-mail whose domain it allows),
 * then the browser goes to /api/sso/start, which sends it on to the identity provider.
 */
export function SsoSignInForm() {
  const params = useSearchParams();
  const required = params.get('sso');
  const refusal = ssoRefusalMessage(params.get('sso-error'));
  const form = useForm<StartSsoInput, unknown, z.output<typeof startSsoSchema>>({
    resolver: zodResolver(startSsoSchema),
    defaultValues: { organization: required ?? '' },
  });
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    const query = new URLSearchParams({
      organization: values.organization,
      callbackUrl: safeCallbackUrl(params.get('callbackUrl'), window.location.origin),
    });
    // A navigation, not a form post: the provider's page is on another origin.
    // (A full page load, as the provider's redirect needs; not a client-side route change.)
    window.location.assign(new URL(`/api/sso/start?${query.toString()}`, window.location.origin).href);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="sso-sign-in">
      <h2 id="sso-sign-in" className="text-base font-semibold">
        Single sign-on (SSO)
      </h2>
      {refusal && <Alert tone="error">{refusal}</Alert>}
      {required && !refusal && <Alert>This organization requires single sign-on. Sign in through your identity provider.</Alert>}
      <Field
        label="Organization or work e-mail"
        error={errors.organization?.message}
        hint="Your organization’s short name in Demarc (as in its address), or your work e-mail."
      >
        {(p) => <input {...p} autoComplete="organization" {...form.register('organization')} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={isSubmitting || isSubmitSuccessful} className="w-full">
        {isSubmitSuccessful ? 'Redirecting…' : 'Continue with SSO'}
      </Button>
    </form>
  );
}
