import { Table } from '@/components/ui/table';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { PendingInvitation } from '../invitations.data';
import { RevokeInvitationButton } from './revoke-invitation-button';

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Invitations not yet accepted, with revoke. */
export function PendingInvitations({ orgSlug, invitations }: { orgSlug: string; invitations: PendingInvitation[] }) {
  return (
    <Table caption="Pending invitations" columns={['Email', 'Role', 'Expires', 'Invited by', '']}>
      {invitations.map((i) => (
        <tr key={i.id}>
          <td className="px-4 py-3 font-medium">{i.email}</td>
          <td className="px-4 py-3">{ROLE_LABELS[i.role]}</td>
          <td className="whitespace-nowrap px-4 py-3 tabular-nums">{when(i.expiresAt)}</td>
          <td className="px-4 py-3">
            {i.invitedBy}
            {!i.inviterEntitled && (
              <span className="block text-xs text-red-700">No longer valid: {i.invitedBy} can no longer invite with this role.</span>
            )}
          </td>
          <td className="px-4 py-3 text-right">
            <RevokeInvitationButton orgSlug={orgSlug} invitationId={i.id} email={i.email} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
