import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import Link from 'next/link';
import { FORMAT_LABELS } from '../findings.policy';
import type { listFindingScans } from '../scans.data';
import { FindingsUploadForm } from './findings-upload-form';
import { ScanList } from './scan-list';

type Scans = Awaited<ReturnType<typeof listFindingScans>>;

/** The Findings page: what it does, the formats, the upload form (for those who may ingest) and the scans. */
export function FindingsView({
  orgSlug,
  scans,
  canIngest,
  maxSize,
}: {
  orgSlug: string;
  scans: Scans;
  canIngest: boolean;
  maxSize: string;
}) {
  return (
    <>
      <PageHeader
        title="Findings"
        description="Upload the results of the security checks you already run against your AWS accounts. Each finding is put on the controls its check or requirement ids map to, in the systems that run in its AWS account and Region; failing checks show on those controls, and a later scan in which they pass resolves them. Each upload is recorded as automated evidence."
      />
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="formats-heading" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="formats-heading" className="font-semibold text-slate-800">
            Accepted formats
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {Object.values(FORMAT_LABELS).map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <p className="mt-3 text-slate-600">
            Findings land where they belong through the{' '}
            <Link href={`/${orgSlug}/check-mappings`} className="text-brand-600 hover:underline">
              check → control mappings
            </Link>
            , your frameworks’ requirements, and the AWS accounts recorded on each system (on the system’s Edit page). Findings that reach
            no control or no system are listed on their scan’s page, never dropped.
          </p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          {canIngest ? (
            <FindingsUploadForm orgSlug={orgSlug} maxSize={maxSize} />
          ) : (
            <Alert>Your role can read the scans; owners, admins and editors upload findings.</Alert>
          )}
        </section>
      </div>
      <h2 className="mb-3 mt-8 text-lg font-semibold">Uploaded scans</h2>
      <ScanList orgSlug={orgSlug} scans={scans} />
    </>
  );
}
