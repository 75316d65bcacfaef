import { ROLE_LABELS, type OrgContext } from '@/lib/auth/permissions';
import { canOwnControls } from '@/features/owners/owners.policy';
import type { Member } from '../members.data';
import { AuditPeriodForm } from './audit-period-form';
import { MemberRowActions } from './member-row-actions';
import { Table } from '@/components/ui/table';

export function MemberList({
  ctx,
  members,
  canManage,
}: {
  ctx: OrgContext;
  members: (Member & { mfaEnabled: boolean })[];
  canManage: boolean;
}) {
  // Only active owners, admins and editors can take over someone's controls.
  const successors = members.filter((m) => !m.disabledAt && canOwnControls(m.role)).map((m) => ({ id: m.user.id, name: m.user.name }));
  return (
    <Table
      caption="Members of this organization"
      columns={['Name', 'Email', 'Two-factor', 'Single sign-on', canManage ? 'Role and access' : 'Role']}
    >
      {members.map((m) => (
        <tr key={m.id} className={m.disabledAt ? 'text-slate-400' : undefined}>
          <td className="px-4 py-3 font-medium">
            {m.user.name}
            {m.user.id === ctx.userId && <span className="ml-2 text-xs text-slate-500">(you)</span>}
            {m.disabledAt && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">disabled</span>}
          </td>
          <td className="px-4 py-3">{m.user.email}</td>
          <td className="px-4 py-3">{m.mfaEnabled ? 'On' : <span className="text-slate-500">Off</span>}</td>
          <td className="px-4 py-3">
            {m.lastSsoSignInAt ? (
              <span title="Last sign-in through single sign-on">
                <time dateTime={m.lastSsoSignInAt.toISOString()}>{m.lastSsoSignInAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>
              </span>
            ) : (
              <span className="text-slate-500">Never</span>
            )}
          </td>
          <td className="px-4 py-3">
            {canManage ? (
              <MemberRowActions orgSlug={ctx.orgSlug} member={m} isSelf={m.user.id === ctx.userId} successors={successors} />
            ) : (
              ROLE_LABELS[m.role]
            )}
            {canManage && m.role === 'AUDITOR' && !m.disabledAt && (
              <AuditPeriodForm
                orgSlug={ctx.orgSlug}
                membershipId={m.id}
                name={m.user.name}
                start={m.auditPeriodStart}
                end={m.auditPeriodEnd}
              />
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
