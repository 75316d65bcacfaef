'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { applyServerErrors } from '@/lib/form-errors';
import { regionWords } from '../aws-accounts.policy';
import type { SystemAwsAccountDto } from '../aws-accounts.data';
import { AWS_REGIONS } from '../service-catalog';
import { addSystemAwsAccountAction, removeSystemAwsAccountAction } from '../systems.actions';
import { addAwsAccountSchema, type AddAwsAccountInput } from '../systems.schema';

const FIELDS = ['accountId', 'region'] as const;

/**
 * The AWS accounts the system runs in: findings from these accounts (and Regions) land on this
 * system's controls. Lists them with a Remove button each, and adds one with the schema the
 * server parses.
 */
export function AwsAccountsForm({ orgSlug, systemId, accounts }: { orgSlug: string; systemId: string; accounts: SystemAwsAccountDto[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' } | null>(null);
  const form = useForm<AddAwsAccountInput, unknown, z.output<typeof addAwsAccountSchema>>({
    resolver: zodResolver(addAwsAccountSchema),
    defaultValues: { systemId, accountId: '', region: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await addSystemAwsAccountAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ text, tone: 'error' });
      return;
    }
    form.reset({ systemId, accountId: '', region: '' });
    setMessage({ text: `Added account ${result.data.accountId} (${regionWords(result.data.region)}).`, tone: 'success' });
    router.refresh();
  });

  return (
    <div className="space-y-5">
      <div>
        <h2 id="aws-accounts-heading" className="text-lg font-semibold text-slate-900">
          AWS accounts
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          The AWS accounts this system runs in. Findings uploaded on the Findings page (or posted by a pipeline) from these accounts land on
          this system’s controls; limit an account to one Region when other Regions of it belong to other systems.
        </p>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-500">No AWS account recorded yet: findings reach this system only once you add its accounts.</p>
      ) : (
        <ul aria-labelledby="aws-accounts-heading" className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {accounts.map((account) => (
            <li key={account.id} className="flex items-center justify-between gap-4 px-4 py-2 text-sm">
              <span>
                <span className="font-mono">{account.accountId}</span>{' '}
                <span className="text-slate-600">({regionWords(account.region)})</span>
              </span>
              <RemoveAccountButton orgSlug={orgSlug} systemId={systemId} account={account} />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add an AWS account">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="AWS account id" hint="Twelve digits, e.g. 111122223333." error={errors.accountId?.message}>
            {(p) => <input {...p} inputMode="numeric" autoComplete="off" {...form.register('accountId')} />}
          </Field>
          <Field label="Region" hint="Every Region, or only the one this system runs in." error={errors.region?.message}>
            {(p) => (
              <select {...p} {...form.register('region')}>
                <option value="">Every Region</option>
                {Object.entries(AWS_REGIONS).map(([code, name]) => (
                  <option key={code} value={code}>
                    {code} — {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add account'}
        </Button>
      </form>
    </div>
  );
}

function RemoveAccountButton({ orgSlug, systemId, account }: { orgSlug: string; systemId: string; account: SystemAwsAccountDto }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="flex flex-col items-end">
      <ConfirmButton
        label="Remove"
        disabled={pending}
        title={`Remove account ${account.accountId} (${regionWords(account.region)})?`}
        message="Findings from this account no longer land on this system. Failures already recorded stay until a later scan resolves them."
        confirmLabel="Remove account"
        onConfirm={() =>
          startTransition(async () => {
            setError(null);
            const result = await removeSystemAwsAccountAction(orgSlug, { systemId, id: account.id });
            if (!result.ok) setError(result.error.message);
            else router.refresh();
          })
        }
      />
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
