'use client';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';
import { changeMemberRoleAction, setMemberDisabledAction } from '../members.actions';
import type { Member } from '../members.data';
import { HandOver, type PendingChange } from './hand-over';

export function MemberRowActions({
  orgSlug,
  member,
  isSelf,
  successors,
}: {
  orgSlug: string;
  member: Member;
  isSelf: boolean;
  /** Active owners, admins and editors, who could take over what this member owns. */
  successors: { id: string; name: string }[];
}) {
  const [error, setError] = useState<string | null>(null);
  // A change the server refused until someone takes over the controls this member owns.
  const [pendingChange, setPendingChange] = useState<PendingChange | null>(null);
  const [pending, startTransition] = useTransition();
  const disabled = member.disabledAt !== null;

  const run = (change: PendingChange, reassignTo?: string) =>
    startTransition(async () => {
      setError(null);
      const result: ActionResult<unknown> =
        change.kind === 'disable'
          ? await setMemberDisabledAction(orgSlug, { membershipId: member.id, disabled: true, reassignTo })
          : await changeMemberRoleAction(orgSlug, { membershipId: member.id, role: change.role, reassignTo });
      if (result.ok) setPendingChange(null);
      else {
        setError(result.error.message);
        // Disabling someone who owns controls, or a role that cannot own any: ask who takes them over, then try again.
        setPendingChange(result.error.fieldErrors?.reassignTo ? change : null);
      }
    });
  const enable = () =>
    startTransition(async () => {
      setError(null);
      const result = await setMemberDisabledAction(orgSlug, { membershipId: member.id, disabled: false });
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
        onChange={(e) => run({ kind: 'role', role: e.target.value as Role })}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {disabled ? (
        <button type="button" className="text-sm text-brand-600 hover:underline" disabled={pending} onClick={enable}>
          Enable
        </button>
      ) : (
        <ConfirmButton
          label="Disable"
          disabled={pending || isSelf}
          title={`Disable ${member.user.name}?`}
          message={`${member.user.name} loses access to this organization at once, including sessions already open. You can enable them again later.`}
          confirmLabel="Disable member"
          onConfirm={() => run({ kind: 'disable' })}
        />
      )}
      {pendingChange && (
        <HandOver
          member={member}
          change={pendingChange}
          successors={successors.filter((s) => s.id !== member.user.id)}
          pending={pending}
          onHandOver={(successor) => run(pendingChange, successor)}
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
