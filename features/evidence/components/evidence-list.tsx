import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import type { listEvidence } from '../evidence.data';
import { KIND_LABELS, REVIEW_LABELS, REVIEW_TONES } from './evidence-labels';
import { Table } from '@/components/ui/table';

const STATES = ['SUBMITTED', 'DRAFT', 'ACCEPTED', 'REJECTED'] as const;

export function EvidenceList({
  orgSlug,
  state,
  data,
}: {
  orgSlug: string;
  state?: (typeof STATES)[number];
  data: Awaited<ReturnType<typeof listEvidence>>;
}) {
  const href = (s?: string, page = 1) => `/${orgSlug}/evidence?${new URLSearchParams({ ...(s ? { state: s } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader
        title="Evidence"
        description="Everything that proves a control. Reviewers: “Submitted” is your queue. Evidence is added from a control’s page."
      />
      <nav aria-label="Review state" className="mb-4 flex flex-wrap gap-2 text-sm">
        {[undefined, ...STATES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={href(s)}
            aria-current={s === state ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${s === state ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {s ? REVIEW_LABELS[s] : 'All'}
          </Link>
        ))}
      </nav>
      {data.total === 0 ? (
        <Alert>
          {state
            ? `No ${REVIEW_LABELS[state].toLowerCase()} evidence.`
            : 'No evidence yet. Open a control and add a file, a link or an attestation.'}
        </Alert>
      ) : (
        <>
          <Table caption="Evidence" columns={['Title', 'Kind', 'Controls', 'System', 'True on', 'Review']}>
            {data.items.map((item) => (
              <tr key={item.id}>
                <td className="px-4 py-3">
                  <Link href={`/${orgSlug}/evidence/${item.id}`} className="font-medium text-brand-600 hover:underline">
                    {item.title}
                  </Link>
                </td>
                <td className="px-4 py-3">{KIND_LABELS[item.kind]}</td>
                <td className="px-4 py-3 font-mono text-xs">{item.controls.map((c) => c.control.code).join(', ')}</td>
                <td className="px-4 py-3">{item.system?.name ?? 'All systems'}</td>
                <td className="px-4 py-3 tabular-nums">
                  {item.report
                    ? `period ends ${item.report.periodEnd.toISOString().slice(0, 10)}`
                    : (item.versions[0]?.effectiveAt.toISOString().slice(0, 10) ?? '—')}
                </td>
                <td className="px-4 py-3">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${REVIEW_TONES[item.reviewState]}`}>
                    {REVIEW_LABELS[item.reviewState]}
                  </span>
                </td>
              </tr>
            ))}
          </Table>
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => href(state, p)} />
        </>
      )}
    </>
  );
}
