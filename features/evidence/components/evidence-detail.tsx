import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { can, type OrgContext } from '@/lib/auth/permissions';
import type { EvidenceDetail as Evidence } from '../evidence.data';
import { AddVersionForm } from './add-version-form';
import { automatedText } from '../automated.policy';
import { AutomatedResultView } from './automated-result';
import { CommentForm } from './comment-form';
import { KIND_LABELS, REVIEW_LABELS, REVIEW_TONES } from './evidence-labels';
import { ReviewPanel } from './review-panel';
import { Table } from '@/components/ui/table';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');
const time = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
const bytes = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function EvidenceDetail({ ctx, evidence, maxUploadMb }: { ctx: OrgContext; evidence: Evidence; maxUploadMb: number }) {
  const report = evidence.report;
  // Versions are newest first: the latest scan's results are shown in full.
  const latestAutomated = evidence.versions.find((v) => v.automated);
  return (
    <>
      <PageHeader
        title={evidence.title}
        description={
          <>
            {KIND_LABELS[evidence.kind]} · {evidence.system?.name ?? 'All systems'} · proves{' '}
            {evidence.controls.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ', '}
                <Link href={`/${ctx.orgSlug}/controls/${c.id}`} className="text-brand-600 hover:underline">
                  {c.code}
                </Link>
              </span>
            ))}
          </>
        }
      />
      {evidence.description && <p className="mb-6 whitespace-pre-line text-sm text-slate-700">{evidence.description}</p>}

      <section className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="flex items-center gap-3 text-lg font-semibold">
          Review{' '}
          <span className={`rounded px-2 py-0.5 text-sm font-medium ${REVIEW_TONES[evidence.reviewState]}`}>
            {REVIEW_LABELS[evidence.reviewState]}
          </span>
        </h2>
        {evidence.reviewedAt && (
          <p className="mt-2 text-sm text-slate-700">
            {REVIEW_LABELS[evidence.reviewState]} by {evidence.reviewerName ?? 'a former member'} on {time(evidence.reviewedAt)}
            {evidence.reviewReason && <>: “{evidence.reviewReason}”</>}
          </p>
        )}
        <p className="mb-3 mt-1 text-xs text-slate-500">
          {evidence.kind === 'PROVIDER_REPORT'
            ? 'A provider report covers its controls while it is accepted; a new version sends it back for review.'
            : 'Draft → submitted → accepted or rejected. Only accepted evidence keeps a control current; a new version starts over as a draft.'}
        </p>
        <ReviewPanel
          orgSlug={ctx.orgSlug}
          evidenceId={evidence.id}
          version={evidence.version}
          state={evidence.reviewState}
          canSubmit={can(ctx.role, 'evidence.upload')}
          canReview={can(ctx.role, 'evidence.review')}
        />
      </section>

      {report && (
        <section className="mb-6 rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 className="mb-3 text-lg font-semibold">AWS Artifact reference</h2>
          <dl className="grid gap-3 sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Report id</dt>
              <dd className="font-mono">{report.artifactReportId}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Version · series · category</dt>
              <dd>{[report.reportVersion, report.series, report.category].filter(Boolean).join(' · ') || '—'}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Period</dt>
              <dd>
                {day(report.periodStart)} – {day(report.periodEnd)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Retrieved</dt>
              <dd>{day(report.retrievedAt)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Terms accepted</dt>
              <dd>{day(report.termsAcceptedAt)}</dd>
            </div>
          </dl>
        </section>
      )}

      {latestAutomated?.automated && <AutomatedResultView result={latestAutomated.automated} number={latestAutomated.number} />}

      <section className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">Versions</h2>
        {evidence.versions.length === 0 ? (
          <p className="text-sm text-slate-600">No versions{report ? ' (a private copy of the report can be added as a file)' : ''}.</p>
        ) : (
          <Table caption="Versions, newest first; versions never change" columns={['#', 'Content', 'True on', 'Provenance', 'Uploaded']}>
            {evidence.versions.map((v) => (
              <tr key={v.id}>
                <td className="px-4 py-3 tabular-nums">{v.number}</td>
                <td className="max-w-sm px-4 py-3">
                  {v.fileName && (
                    <>
                      <a
                        href={`/${ctx.orgSlug}/evidence/${evidence.id}/versions/${v.number}/download`}
                        className="font-medium text-brand-600 hover:underline"
                      >
                        {v.fileName}
                      </a>
                      <span className="block text-xs text-slate-500">
                        {v.size !== null ? bytes(v.size) : ''} · {v.mediaType}
                      </span>
                      <span className="block break-all font-mono text-xs text-slate-500" title="SHA-256 recorded at upload">
                        SHA-256 {v.sha256}
                      </span>
                    </>
                  )}
                  {v.url && <span className="break-all">{v.url}</span>}
                  {v.note && <p className="whitespace-pre-line">{v.note}</p>}
                  {v.automated && <p>{automatedText(v.automated)}</p>}
                </td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">{day(v.effectiveAt)}</td>
                <td className="px-4 py-3 text-xs text-slate-600">
                  {v.source && <span className="block">Source: {v.source}</span>}
                  {(v.periodStart || v.periodEnd) && (
                    <span className="block">
                      Period: {day(v.periodStart)} – {day(v.periodEnd)}
                    </span>
                  )}
                  {v.notes && <span className="block">{v.notes}</span>}
                </td>
                <td className="px-4 py-3 text-xs">
                  {v.uploadedBy}
                  <span className="block text-slate-500">{time(v.uploadedAt)}</span>
                </td>
              </tr>
            ))}
          </Table>
        )}
        {can(ctx.role, 'evidence.upload') && evidence.kind !== 'AUTOMATED' && (
          <details className="mt-4 rounded-lg border border-slate-200 bg-white p-5">
            <summary className="cursor-pointer text-sm font-medium text-brand-600">
              {report ? 'Add a private copy of the report' : 'Add a new version'}
            </summary>
            <div className="mt-4">
              <AddVersionForm orgSlug={ctx.orgSlug} evidenceId={evidence.id} kind={evidence.kind} maxMb={maxUploadMb} />
            </div>
          </details>
        )}
      </section>

      <section>
        <h2 className="mb-3 text-lg font-semibold">Comments</h2>
        {evidence.comments.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600">No comments yet.</p>
        ) : (
          <ol className="mb-4 space-y-3">
            {evidence.comments.map((c) => (
              <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <p className="text-xs text-slate-500">
                  {c.author} · {time(c.createdAt)}
                </p>
                <p className="mt-1 whitespace-pre-line">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        {can(ctx.role, 'evidence.comment') && <CommentForm orgSlug={ctx.orgSlug} evidenceId={evidence.id} />}
      </section>
    </>
  );
}
