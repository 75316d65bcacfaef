'use client';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';
import { changeMemberRoleAction, setMemberDisabledAction } from '../members.actions';
import type { Member } from '../members.data';

export function MemberRowActions({
  orgSlug,
  member,
  isSelf,
  successors,
}: {
  orgSlug: string;
  member: Member;
  isSelf: boolean;
  /** Active members who could take over what this member owns. */
  successors: { id: string; name: string }[];
}) {
  const [error, setError] = useState<string | null>(null);
  const [needsSuccessor, setNeedsSuccessor] = useState(false);
  const [successor, setSuccessor] = useState('');
  const [pending, startTransition] = useTransition();
  const disabled = member.disabledAt !== null;

  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (result.ok) setNeedsSuccessor(false);
      else {
        setError(result.error.message);
        // Disabling someone who owns controls: ask who takes them over, then try again.
        setNeedsSuccessor(Boolean(result.error.fieldErrors?.reassignTo));
      }
    });
  const disable = (reassignTo?: string) =>
    run(() => setMemberDisabledAction(orgSlug, { membershipId: member.id, disabled: true, reassignTo }));

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
          onConfirm={() => disable()}
        />
      )}
      {needsSuccessor && (
        <div className="flex w-full flex-wrap items-center gap-2">
          <label className="text-sm" htmlFor={`successor-${member.id}`}>
            New owner
          </label>
          <select
            id={`successor-${member.id}`}
            className={`${inputClass} w-48`}
            value={successor}
            onChange={(e) => setSuccessor(e.target.value)}
          >
            <option value="">Choose a member…</option>
            {successors
              .filter((s) => s.id !== member.user.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
          <button
            type="button"
            className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:bg-slate-300"
            disabled={pending || !successor}
            onClick={() => disable(successor)}
          >
            Hand over and disable
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
