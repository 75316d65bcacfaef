'use client';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';
import { changeMemberRoleAction, setMemberDisabledAction } from '../members.actions';
import type { Member } from '../members.data';

export function MemberRowActions({ orgSlug, member, isSelf }: { orgSlug: string; member: Member; isSelf: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const disabled = member.disabledAt !== null;

  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error.message);
    });

  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="sr-only" htmlFor={`role-${member.id}`}>
        Role of {member.user.name}
      </label>
      <select
        id={`role-${member.id}`}
        className={`${inputClass} w-36`}
        value={member.role}
        disabled={pending || disabled}
        onChange={(e) => run(() => changeMemberRoleAction(orgSlug, { membershipId: member.id, role: e.target.value as Role }))}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {disabled ? (
        <button
          type="button"
          className="text-sm text-brand-600 hover:underline"
          disabled={pending}
          onClick={() => run(() => setMemberDisabledAction(orgSlug, { membershipId: member.id, disabled: false }))}
        >
          Enable
        </button>
      ) : (
        <ConfirmButton
          label="Disable"
          disabled={pending || isSelf}
          title={`Disable ${member.user.name}?`}
          message={`${member.user.name} loses access to this organization at once, including sessions already open. You can enable them again later.`}
          confirmLabel="Disable member"
          onConfirm={() => run(() => setMemberDisabledAction(orgSlug, { membershipId: member.id, disabled: true }))}
        />
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
