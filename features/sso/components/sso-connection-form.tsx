'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { saveSsoConnectionAction } from '../sso.actions';
import { saveSsoConnectionSchema, SSO_ROLES, type SaveSsoConnectionInput } from '../sso.schema';

type Connection = {
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  defaultRole: string;
  enabled: boolean;
  version: number;
  secretSet: boolean;
} | null;

const FIELDS = ['issuer', 'clientId', 'clientSecret', 'allowedDomains', 'defaultRole', 'enabled'] as const;

const valuesOf = (c: Connection): SaveSsoConnectionInput => ({
  issuer: c?.issuer ?? '',
  clientId: c?.clientId ?? '',
  clientSecret: '',
  allowedDomains: c?.allowedDomains.join('\n') ?? '',
  defaultRole: (c?.defaultRole as SaveSsoConnectionInput['defaultRole']) ?? 'VIEWER',
  enabled: c?.enabled ?? false,
  version: c?.version ?? 0,
});

/** Owners: the organization's OpenID Connect provider. The client secret is write-only. */
export function SsoConnectionForm({ orgSlug, connection, redirectUri }: { orgSlug: string; connection: Connection; redirectUri: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<SaveSsoConnectionInput, unknown, z.output<typeof saveSsoConnectionSchema>>({
    resolver: zodResolver(saveSsoConnectionSchema),
    values: valuesOf(connection),
  });
  const { errors, isSubmitting } = form.formState;
  // Validated here for the field errors; the server parses the same input with the same schema.
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const result = await saveSsoConnectionAction(orgSlug, form.getValues());
    if (!result.ok) {
      setMessage({ tone: 'error', text: applyServerErrors(form.setError, result.error, FIELDS) ?? result.error.message });
      return;
    }
    setMessage({ tone: 'success', text: result.data.enabled ? 'Single sign-on is on.' : 'Saved. Single sign-on is off.' });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <p className="text-sm text-slate-600">
        Register Demarc with your identity provider as a web application using the authorization code flow, with this redirect URI:{' '}
        <code className="break-all rounded bg-slate-100 px-1">{redirectUri}</code>
      </p>
      <Field label="Issuer URL" error={errors.issuer?.message} hint="Demarc reads <issuer>/.well-known/openid-configuration.">
        {(p) => <input {...p} type="url" placeholder="https://login.example.com" {...form.register('issuer')} />}
      </Field>
      <Field label="Client ID" error={errors.clientId?.message}>
        {(p) => <input {...p} autoComplete="off" {...form.register('clientId')} />}
      </Field>
      <Field
        label="Client secret"
        error={errors.clientSecret?.message}
        hint={connection?.secretSet ? 'A secret is set. Leave this blank to keep it.' : 'Stored encrypted; never shown again.'}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" {...form.register('clientSecret')} />}
      </Field>
      <Field
        label="Allowed email domains"
        error={errors.allowedDomains?.message}
        hint="People with a verified address at these domains join on their first sign-in. One per line, or separated by commas."
      >
        {(p) => <textarea {...p} rows={3} {...form.register('allowedDomains')} />}
      </Field>
      <Field label="Role for new members" error={errors.defaultRole?.message}>
        {(p) => (
          <select {...p} {...form.register('defaultRole')}>
            {SSO_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="flex items-center gap-3 text-sm">
        <input type="checkbox" className="h-4 w-4" {...form.register('enabled')} />
        <span className="font-medium">Single sign-on is on</span>
      </label>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save single sign-on'}
      </Button>
    </form>
  );
}
