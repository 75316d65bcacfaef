'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import type { Member } from '../members.data';

/** A membership change that waits for someone to take over the controls the member owns. */
export type PendingChange = { kind: 'disable' } | { kind: 'role'; role: Role };

/**
 * Asks who takes over what a member owns before they are disabled or drop to a role that cannot
 * own controls. Disabling was confirmed already; a role change is confirmed here.
 */
export function HandOver({
  member,
  change,
  successors,
  pending,
  onHandOver,
}: {
  member: Member;
  change: PendingChange;
  /** Active owners, admins and editors other than the member. */
  successors: { id: string; name: string }[];
  pending: boolean;
  onHandOver: (successorId: string) => void;
}) {
  const [successor, setSuccessor] = useState('');
  const successorName = successors.find((s) => s.id === successor)?.name;
  return (
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
        {successors.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {change.kind === 'disable' ? (
        <Button variant="danger" disabled={pending || !successor} onClick={() => onHandOver(successor)}>
          Hand over and disable
        </Button>
      ) : (
        <ConfirmButton
          label={`Hand over and make ${ROLE_LABELS[change.role]}`}
          disabled={pending || !successor}
          title={`Make ${member.user.name} ${ROLE_LABELS[change.role]}?`}
          message={`${successorName} becomes the owner of every control ${member.user.name} owns, and ${member.user.name} can no longer own controls.`}
          confirmLabel="Hand over and change role"
          onConfirm={() => onHandOver(successor)}
        />
      )}
    </div>
  );
}
