'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { createApiTokenAction } from '../api-tokens.actions';
import { API_SCOPE_LABELS, API_SCOPES, createApiTokenSchema, DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from '../api-tokens.schema';

const FIELDS = ['name', 'scopes', 'expiresInDays'] as const;

type Created = { name: string; token: string; expiresAt: Date };

/** Creates a token and shows it this once, with a copy button: only its hash is kept. */
export function CreateApiTokenForm({ orgSlug }: { orgSlug: string }) {
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const form = useForm<z.input<typeof createApiTokenSchema>, unknown, z.output<typeof createApiTokenSchema>>({
    resolver: zodResolver(createApiTokenSchema),
    defaultValues: { name: '', scopes: ['read'], expiresInDays: DEFAULT_EXPIRY_DAYS },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setCreated(null);
    const result = await createApiTokenAction(orgSlug, values);
    if (!result.ok) {
      setError(applyServerErrors(form.setError, result.error, FIELDS));
      return;
    }
    form.reset();
    setCreated({ name: result.data.name, token: result.data.token, expiresAt: new Date(result.data.expiresAt) });
  });

  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      {created && <NewToken {...created} />}
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" hint="What uses the token, for example “nightly Prowler scan”." error={errors.name?.message}>
            {(p) => <input {...p} autoComplete="off" {...form.register('name')} />}
          </Field>
          <Field label="Expires in (days)" hint={`From 1 to ${MAX_EXPIRY_DAYS} days.`} error={errors.expiresInDays?.message}>
            {(p) => <input {...p} type="number" min={1} max={MAX_EXPIRY_DAYS} {...form.register('expiresInDays')} />}
          </Field>
        </div>
        <fieldset className="space-y-2" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={scope} {...form.register('scopes')} />
              <code className="text-xs">{scope}</code> — {API_SCOPE_LABELS[scope]}
            </label>
          ))}
          {errors.scopes && (
            <p id="scopes-error" className="text-sm text-red-700">
              {errors.scopes.message ?? errors.scopes.root?.message}
            </p>
          )}
        </fieldset>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create token'}
        </Button>
      </form>
    </div>
  );
}

function NewToken({ name, token, expiresAt }: Created) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('Copied.');
    } catch {
      input.current?.select();
      setCopied('Selected: copy it with Ctrl+C or ⌘C.');
    }
  };
  return (
    <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4">
      <Alert tone="success">Token “{name}” created.</Alert>
      <p role="note" className="text-sm font-semibold text-amber-900">
        Copy the token now: it is shown only this once and cannot be shown again. Store it as a secret of your pipeline; anyone who has it
        can call the API for this organization until {expiresAt.toISOString().slice(0, 10)}.
      </p>
      <div className="space-y-1">
        <label htmlFor="new-api-token" className="block text-sm font-medium text-slate-700">
          New API token
        </label>
        <div className="flex gap-2">
          <input
            ref={input}
            id="new-api-token"
            readOnly
            value={token}
            className={`${inputClass} font-mono text-xs`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="secondary" onClick={copy}>
            Copy token
          </Button>
        </div>
        {copied && <p className="text-xs text-slate-600">{copied}</p>}
      </div>
    </div>
  );
}
