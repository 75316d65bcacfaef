import { ROLE_LABELS, type OrgContext } from '@/lib/auth/permissions';
import type { Member } from '../members.data';
import { AuditPeriodForm } from './audit-period-form';
import { MemberRowActions } from './member-row-actions';

export function MemberList({ ctx, members, canManage }: { ctx: OrgContext; members: Member[]; canManage: boolean }) {
  const successors = members.filter((m) => !m.disabledAt).map((m) => ({ id: m.user.id, name: m.user.name }));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Members of this organization</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Email</th>
            <th scope="col" className="px-4 py-2">{canManage ? 'Role and access' : 'Role'}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => (
            <tr key={m.id} className={m.disabledAt ? 'text-slate-400' : undefined}>
              <td className="px-4 py-3 font-medium">
                {m.user.name}
                {m.user.id === ctx.userId && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                {m.disabledAt && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">disabled</span>}
              </td>
              <td className="px-4 py-3">{m.user.email}</td>
              <td className="px-4 py-3">
                {canManage ? (
                  <MemberRowActions orgSlug={ctx.orgSlug} member={m} isSelf={m.user.id === ctx.userId} successors={successors} />
                ) : (
                  ROLE_LABELS[m.role]
                )}
                {canManage && m.role === 'AUDITOR' && !m.disabledAt && (
                  <AuditPeriodForm orgSlug={ctx.orgSlug} membershipId={m.id} name={m.user.name} start={m.auditPeriodStart} end={m.auditPeriodEnd} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
