'use client';
import Link from 'next/link';
import { Fragment, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { bulkAssignOwnerAction } from '@/features/owners/owners.actions';
import { bulkAssignmentMessage } from '@/features/owners/owners.policy';
import { hasCustomerHalf, type RegisterRow, type SortKey } from '../register.policy';
import { ControlStateSummary } from './control-state';
import { explainResponsibility } from '../responsibility.policy';
import { ControlFreshnessSummary } from '@/features/evidence/components/freshness-badge';
import { ResponsibilityBadge } from './responsibility-badge';
import type { RegisterColumns } from '../register-columns.data';
import type { HideableColumn } from '../register-columns.schema';
import { RegisterColumnsMenu } from './register-columns-menu';
import { ReasonToggle } from './responsibility-reason';

export type SortLink = { href: string; active: boolean; dir: 'asc' | 'desc' };

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'code', label: 'Code' },
  { key: 'title', label: 'Title' },
  { key: 'family', label: 'Family' },
  { key: 'type', label: 'Responsibility' },
  { key: 'owner', label: 'Owner' },
  { key: 'status', label: 'Status' },
  { key: 'evidence', label: 'Evidence' },
];

export function RegisterTable({
  orgSlug,
  systemId,
  rows,
  sortLinks,
  owners,
  columns: savedColumns,
  canAssign,
}: {
  orgSlug: string;
  systemId: string | null;
  rows: RegisterRow[];
  sortLinks: Record<SortKey, SortLink>;
  owners: { id: string; name: string }[];
  columns: RegisterColumns;
  canAssign: boolean;
}) {
  const bulk = canAssign && systemId !== null;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [ownerId, setOwnerId] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [columnChoice, setColumnChoice] = useState(savedColumns);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const available = (systemId ? COLUMNS : COLUMNS.filter((c) => c.key !== 'owner' && c.key !== 'status')).map((c) => c.key);
  const shows = (key: SortKey) => available.includes(key) && !columnChoice.hidden.includes(key as HideableColumn);
  const columns = COLUMNS.filter((c) => shows(c.key));
  const span = columns.length + (bulk ? 1 : 0);
  const toggleReason = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const assign = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await bulkAssignOwnerAction(orgSlug, { systemId: systemId!, controlIds: [...selected], ownerId });
      if (!result.ok) {
        setMessage({ tone: 'error', text: result.error.fieldErrors?.ownerId?.[0] ?? result.error.message });
        return;
      }
      // What was assigned, left as it was, and skipped (inherited or not applicable here) and why.
      const owner = owners.find((o) => o.id === ownerId)?.name ?? 'The owner';
      setMessage({ tone: result.data.assigned > 0 ? 'success' : 'info', text: bulkAssignmentMessage(owner, result.data) });
      setSelected(new Set());
    });

  return (
    <div className="space-y-3">
      {bulk && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
          <span className="text-slate-600" aria-live="polite">
            {selected.size} selected
          </span>
          <label className="flex items-center gap-2">
            <span>Owner for the selected</span>
            <select className={`${inputClass} w-52`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">Choose a member…</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={assign} disabled={pending || selected.size === 0 || !ownerId}>
            {pending ? 'Assigning…' : 'Assign owner to selected'}
          </Button>
        </div>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="flex justify-end">
        <RegisterColumnsMenu
          orgSlug={orgSlug}
          available={available.filter((key): key is HideableColumn => key !== 'code' && key !== 'title')}
          columns={columnChoice}
          onChange={setColumnChoice}
        />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Controls</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              {bulk && (
                <th scope="col" className="w-10 px-4 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all controls on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              )}
              {columns.map((c) => {
                const link = sortLinks[c.key];
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className="px-4 py-2"
                    aria-sort={link.active ? (link.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    <Link href={link.href} className="hover:text-slate-800">
                      {c.label}
                      {link.active ? (link.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((row) => {
              const reason = explainResponsibility(row.effective);
              const open = expanded.has(row.id) && shows('type');
              return (
                <Fragment key={row.id}>
                  <tr>
                    {bulk && (
                      <td className="px-4 py-3">
                        <input
                          type="checkbox"
                          aria-label={`Select ${row.code}`}
                          checked={selected.has(row.id)}
                          onChange={() => toggle(row.id)}
                        />
                      </td>
                    )}
                    <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">
                      <Link
                        href={`/${orgSlug}/controls/${row.id}${systemId ? `?system=${systemId}` : ''}`}
                        className="text-brand-600 hover:underline"
                      >
                        {row.code}
                      </Link>
                    </td>
                    <td className="px-4 py-3 font-medium">{row.title}</td>
                    {shows('family') && <td className="px-4 py-3 text-slate-600">{row.family}</td>}
                    {shows('type') && (
                      <td className="max-w-sm px-4 py-3">
                        <ResponsibilityBadge type={row.effective.type} />
                        <ReasonToggle
                          reason={reason}
                          controlCode={row.code}
                          expanded={open}
                          onToggle={() => toggleReason(row.id)}
                          rowId={`reason-${row.id}`}
                        />
                      </td>
                    )}
                    {shows('owner') && (
                      <td className="px-4 py-3">
                        {!hasCustomerHalf(row) ? (
                          <span className="text-slate-400" title="No customer half to own here">
                            —
                          </span>
                        ) : (
                          (row.implementation?.ownerName ?? <span className="text-amber-700">No owner</span>)
                        )}
                      </td>
                    )}
                    {shows('status') && (
                      <td className="min-w-48 max-w-xs px-4 py-3">
                        <ControlStateSummary state={row.state} />
                      </td>
                    )}
                    {shows('evidence') && (
                      <td className="px-4 py-3">
                        {row.state.applicability.applies ? (
                          <ControlFreshnessSummary freshness={row.freshness} />
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                    )}
                  </tr>
                  {open && (
                    <tr id={`reason-${row.id}`} className="bg-slate-50">
                      <td colSpan={span} className="px-4 py-3 text-sm text-slate-700">
                        <span className="font-medium">Why this responsibility: </span>
                        {reason}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
