import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { can, type OrgContext } from '@/lib/auth/permissions';
import type { getSnapshot } from '../summaries.data';
import { SignOffForm } from './snapshot-buttons';
import { SummaryView } from './summary-view';

const time = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export function SnapshotDetail({ ctx, snapshot }: { ctx: OrgContext; snapshot: Awaited<ReturnType<typeof getSnapshot>> }) {
  const base = `/${ctx.orgSlug}/systems/${snapshot.systemId}`;
  return (
    <>
      <PageHeader
        title={`Snapshot of ${time(snapshot.createdAt)}`}
        description={
          <>
            Frozen by {snapshot.createdBy}.{' '}
            <Link href={`${base}/snapshots`} className="text-brand-600 hover:underline">
              All snapshots
            </Link>
          </>
        }
      />
      <section className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <p>
          SHA-256 of its content: <span className="break-all font-mono text-xs">{snapshot.sha256}</span>
        </p>
        <p className="flex flex-wrap gap-4">
          <a href={`${base}/snapshots/${snapshot.id}/pdf`} download className="text-brand-600 hover:underline">
            Download PDF
          </a>
          {snapshot.content.schemaVersion === 2 ? (
            <a href={`${base}/snapshots/${snapshot.id}/package`} download className="text-brand-600 hover:underline">
              Download evidence package (ZIP)
            </a>
          ) : (
            <span className="text-slate-600">
              No evidence package: this snapshot was frozen before snapshots recorded the evidence versions they relied on.
            </span>
          )}
        </p>
        {snapshot.intact ? (
          <Alert tone="success">The content matches its SHA-256: it has not changed since it was frozen.</Alert>
        ) : (
          <Alert tone="error">The content does not match its SHA-256: it was changed after it was frozen.</Alert>
        )}
        {snapshot.signedAt ? (
          <p>
            Signed off by <strong>{snapshot.signedBy}</strong> on {time(snapshot.signedAt)}: “{snapshot.signComment}”
          </p>
        ) : can(ctx.role, 'snapshots.signoff') ? (
          <SignOffForm orgSlug={ctx.orgSlug} snapshotId={snapshot.id} />
        ) : (
          <p className="text-amber-700">Not signed off yet. An owner, admin or auditor signs it off.</p>
        )}
      </section>
      <SummaryView summary={snapshot.content} />
    </>
  );
}
