import clsx from 'clsx';
import Link from 'next/link';
import type { RequirementRow } from '../frameworks.policy';
import { CoverageBadge } from './coverage-badge';
import { MappedControlState } from './mapped-control-state';
import { ResponsibilityMixView } from './responsibility-mix';
import { Table } from '@/components/ui/table';

const INDENT = ['pl-4', 'pl-8', 'pl-12', 'pl-16'] as const;

/** Requirements in document order; groups are headings, children indented under their parent. */
export function RequirementsTable({
  orgSlug,
  frameworkId,
  systemId,
  rows,
}: {
  orgSlug: string;
  frameworkId: string;
  systemId: string | null;
  rows: RequirementRow[];
}) {
  const suffix = systemId ? `?system=${systemId}` : '';
  return (
    <Table caption="Requirements" columns={['Requirement', 'Mapped controls', 'Responsibility mix', 'Coverage']}>
      {rows.map((row) =>
        row.kind === 'group' ? (
          <tr key={row.id} className="bg-slate-50">
            <th
              scope="rowgroup"
              colSpan={4}
              className={clsx('py-2 pr-4 text-left text-sm font-semibold text-slate-800', INDENT[Math.min(row.depth, 3)])}
            >
              {row.label && <span className="mr-2 font-mono text-xs">{row.label}</span>}
              {row.title}
            </th>
          </tr>
        ) : (
          <tr key={row.id} className={clsx(row.withdrawn && 'text-slate-400')}>
            <td className={clsx('py-3 pr-4', INDENT[Math.min(row.depth, 3)])}>
              <Link
                href={`/${orgSlug}/frameworks/${frameworkId}/requirements/${row.id}${suffix}`}
                className="font-mono text-xs text-brand-600 hover:underline"
              >
                {row.label}
              </Link>
              <span className={clsx('ml-2', row.withdrawn ? 'line-through' : 'font-medium')}>{row.title}</span>
            </td>
            <td className="px-4 py-3">
              {row.controls.length === 0 ? (
                <span className="text-xs text-slate-400">None</span>
              ) : (
                <ul className="space-y-1">
                  {row.controls.map((c) => (
                    <li key={c.id}>
                      <Link
                        href={`/${orgSlug}/controls/${c.id}${suffix}`}
                        className="mr-2 font-mono text-xs text-brand-600 hover:underline"
                        title={c.title}
                      >
                        {c.code}
                      </Link>
                      <MappedControlState control={c} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="px-4 py-3">
              <ResponsibilityMixView mix={row.mix} />
            </td>
            <td className="px-4 py-3">
              <CoverageBadge coverage={row.coverage} withdrawn={row.withdrawn} />
            </td>
          </tr>
        ),
      )}
    </Table>
  );
}
