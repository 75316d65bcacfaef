import clsx from 'clsx';
import Link from 'next/link';
import { LINK_WORDS, type RequirementRow } from '../frameworks.policy';
import { CoverageBadge } from './coverage-badge';
import { MappedControlState } from './mapped-control-state';
import { ResponsibilityMixView } from './responsibility-mix';
import { Table } from '@/components/ui/table';

/** Every level of the tree indented, however deep. */
const indent = (depth: number) => ({ paddingLeft: `${1 + depth * 1.25}rem` });

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
            <th scope="rowgroup" colSpan={4} className="py-2 pr-4 text-left text-sm font-semibold text-slate-800" style={indent(row.depth)}>
              {row.label && <span className="mr-2 font-mono text-xs">{row.label}</span>}
              {row.title}
            </th>
          </tr>
        ) : (
          <tr key={row.id} className={clsx(row.withdrawn && 'text-slate-400')}>
            <td className="py-3 pr-4" style={indent(row.depth)} data-depth={row.depth}>
              <Link
                href={`/${orgSlug}/frameworks/${frameworkId}/requirements/${row.id}${suffix}`}
                className="font-mono text-xs text-brand-600 hover:underline"
              >
                {row.label}
              </Link>
              <span className={clsx('ml-2', row.withdrawn ? 'line-through' : 'font-medium')}>{row.title}</span>
              {row.tailoring && row.tailoring.length > 0 && (
                <span className="ml-2 inline-flex gap-1 align-middle">
                  {row.tailoring.map((mark) => (
                    <span
                      key={mark}
                      className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700"
                      title="Baseline tailoring"
                    >
                      {mark}
                    </span>
                  ))}
                </span>
              )}
              {row.links.length > 0 && (
                <span className="mt-1 block text-xs text-slate-500">
                  {row.links.map((l, i) => (
                    <span key={`${l.rel}-${l.externalId}`}>
                      {i > 0 && '; '}
                      {LINK_WORDS[l.rel]}{' '}
                      {l.id ? (
                        <Link
                          href={`/${orgSlug}/frameworks/${frameworkId}/requirements/${l.id}${suffix}`}
                          className="text-brand-600 hover:underline"
                        >
                          {l.label}
                        </Link>
                      ) : (
                        l.label
                      )}
                    </span>
                  ))}
                </span>
              )}
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
