'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import { applyServerErrors } from '@/lib/form-errors';
import { addMemberAction } from '../members.actions';
import { addMemberSchema, type AddMemberInput } from '../members.schema';

const FIELDS = ['email', 'role', 'name', 'initialPassword'] as const;

export function AddMemberForm({ orgSlug, canGrantOwner }: { orgSlug: string; canGrantOwner: boolean }) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const form = useForm<AddMemberInput, unknown, z.output<typeof addMemberSchema>>({
    resolver: zodResolver(addMemberSchema),
    defaultValues: { email: '', role: 'EDITOR', name: '', initialPassword: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await addMemberAction(orgSlug, values);
    if (!result.ok) {
      const text = applyServerErrors(form.setError, result.error, FIELDS);
      if (text) setMessage({ tone: 'error', text });
      return;
    }
    form.reset();
    setMessage({ tone: 'success', text: `${result.data.user.name} was added as ${ROLE_LABELS[result.data.role]}.` });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Email" error={errors.email?.message}>
          {(p) => <input {...p} type="email" autoComplete="off" {...form.register('email')} />}
        </Field>
        <Field label="Role" error={errors.role?.message}>
          {(p) => (
            <select {...p} {...form.register('role')}>
              {ROLES.filter((r) => canGrantOwner || r !== 'OWNER').map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]} — {ROLE_DESCRIPTIONS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" error={errors.name?.message} hint="Only for someone without a Demarc account.">
          {(p) => <input {...p} autoComplete="off" {...form.register('name')} />}
        </Field>
        <Field
          label="Initial password"
          error={errors.initialPassword?.message}
          hint="Only for someone without a Demarc account. Share it with them privately."
        >
          {(p) => <input {...p} type="password" autoComplete="new-password" {...form.register('initialPassword')} />}
        </Field>
      </div>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add member'}
      </Button>
    </form>
  );
}
