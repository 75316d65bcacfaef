'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@/lib/auth/permissions';
import { applyServerErrors } from '@/lib/form-errors';
import { inviteMemberAction } from '../invitations.actions';
import { inviteMemberSchema, type InviteMemberInput } from '../invitations.schema';
import { InvitationLink } from './invitation-link';

const FIELDS = ['email', 'role'] as const;

type Created = { email: string; role: Role; path: string };

/**
 * Adding a member sends an invitation. The answer is the same whether or not the email has a
 * Demarc account; the link is shown once, to be passed on.
 */
export function InviteMemberForm({ orgSlug, canGrantOwner }: { orgSlug: string; canGrantOwner: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const form = useForm<InviteMemberInput, unknown, z.output<typeof inviteMemberSchema>>({
    resolver: zodResolver(inviteMemberSchema),
    defaultValues: { email: '', role: 'EDITOR' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setCreated(null);
    const result = await inviteMemberAction(orgSlug, values);
    if (!result.ok) {
      setError(applyServerErrors(form.setError, result.error, FIELDS));
      return;
    }
    form.reset();
    setCreated({ email: result.data.email, role: result.data.role, path: result.data.path });
  });

  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      {created && <InvitationLink {...created} />}
      <form onSubmit={onSubmit} noValidate className="space-y-4">
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
        </div>
        <p className="text-sm text-slate-600">
          They choose their own password when they accept; someone who already has a Demarc account accepts signed in with it.
        </p>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Inviting…' : 'Invite member'}
        </Button>
      </form>
    </div>
  );
}
