// An evidence package's pure side: entry paths, the manifest and its check, what a snapshot's
// frozen content puts in the package, and the CSV. The index page is in
// evidence-package-index.policy.ts. The ZIP itself is streamed in evidence-package.data.ts and
// read back in verify-package.ts; neither holds a file's bytes in memory.
import { z } from 'zod';
import { toCsv } from '@/features/controls/controls-csv';
import { RESPONSIBILITY_LABELS, type ResponsibilityType } from '@/features/controls/responsibility.policy';
import { FRESHNESS_LABELS, type Freshness } from '@/features/evidence/evidence.policy';
import { STATUS_LABELS } from '@/features/controls/status.policy';
import { safeFileName } from '@/features/evidence/file-type.policy';
import {
  failingOf,
  type FrozenEvidence,
  type FrozenVersion,
  type SummaryContentV2,
  type SummaryRow,
} from '@/features/summaries/summary.policy';
import { automatedText } from '@/features/evidence/automated.policy';

export const MANIFEST_PATH = 'manifest.json';
export const INDEX_PATH = 'index.html';
export const CSV_PATH = 'controls.csv';

const SHA256 = /^[0-9a-f]{64}$/;

/** One file of the package as the manifest records it. Evidence files also carry the hash taken at upload. */
export const manifestEntrySchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256),
  evidenceId: z.string().optional(),
  version: z.number().int().positive().optional(),
  uploadSha256: z.string().regex(SHA256).optional(),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** manifest.json: every other entry of the package, and the snapshot it was made from. */
export const manifestSchema = z.object({
  format: z.literal('demarc-evidence-package/1'),
  snapshot: z.object({ id: z.string().min(1), sha256: z.string().regex(SHA256), createdAt: z.string(), signedAt: z.string().nullable() }),
  system: z.object({ id: z.string(), name: z.string() }),
  generatedAt: z.string(),
  entries: z.array(manifestEntrySchema),
});
export type PackageManifest = z.infer<typeof manifestSchema>;

/**
 * A path segment safe in any unzip tool: no separators, control characters, characters
 * Windows refuses, or leading dots; spaces folded; at most `max` characters.
 */
export function safeSegment(value: string, max = 120): string {
  const cleaned = value
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  return [...cleaned].slice(0, max).join('') || '_';
}

/** `evidence/<control code>/<evidence id>-v<n>-<file name>`: unique per version, never outside `evidence/`. */
export function evidenceEntryPath(controlCode: string, evidenceId: string, version: number, fileName: string): string {
  return `evidence/${safeSegment(controlCode, 60)}/${safeSegment(evidenceId, 40)}-v${version}-${safeSegment(fileName, 150)}`;
}

export type VerifiedEntry = { path: string; size: number; sha256: string };
export type PackageProblem =
  | { kind: 'manifest'; message: string }
  | { kind: 'missing'; path: string; message: string }
  | { kind: 'extra'; path: string; message: string }
  | { kind: 'mismatch'; path: string; message: string };
export type PackageVerdict = { intact: boolean; manifest: PackageManifest | null; checked: number; problems: PackageProblem[] };

/**
 * Compares what the ZIP holds (every entry but the manifest, hashed as read) with what the
 * manifest says: each listed file present with its size and SHA-256, nothing unlisted, no
 * path twice, a snapshot hash named, and evidence unchanged since upload.
 */
export function verifyPackageEntries(manifestJson: unknown, actual: VerifiedEntry[]): PackageVerdict {
  const parsed = manifestSchema.safeParse(manifestJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      intact: false,
      manifest: null,
      checked: 0,
      problems: [{ kind: 'manifest', message: `manifest.json is not a valid package manifest${where}: ${issue?.message ?? 'unreadable'}` }],
    };
  }
  const manifest = parsed.data;
  const problems: PackageProblem[] = [];
  const listed = new Map<string, ManifestEntry>();
  for (const entry of manifest.entries) {
    if (entry.path === MANIFEST_PATH) problems.push({ kind: 'manifest', message: 'manifest.json lists itself.' });
    else if (listed.has(entry.path)) problems.push({ kind: 'manifest', message: `manifest.json lists ${entry.path} twice.` });
    listed.set(entry.path, entry);
  }
  const seen = new Set<string>();
  let checked = 0;
  for (const file of actual) {
    if (seen.has(file.path)) {
      problems.push({ kind: 'extra', path: file.path, message: `${file.path}: appears more than once in the ZIP` });
      continue;
    }
    seen.add(file.path);
    const expected = listed.get(file.path);
    if (!expected) {
      problems.push({ kind: 'extra', path: file.path, message: `${file.path}: in the ZIP but not in the manifest` });
      continue;
    }
    checked++;
    if (expected.sha256 !== file.sha256 || expected.size !== file.size) {
      problems.push({
        kind: 'mismatch',
        path: file.path,
        message: `${file.path}: SHA-256 ${file.sha256} (${file.size} bytes) does not match the manifest's ${expected.sha256} (${expected.size} bytes)`,
      });
    } else if (expected.uploadSha256 && expected.uploadSha256 !== file.sha256) {
      problems.push({
        kind: 'mismatch',
        path: file.path,
        message: `${file.path}: differs from the SHA-256 recorded at upload (${expected.uploadSha256})`,
      });
    }
  }
  for (const path of listed.keys()) {
    if (!seen.has(path) && path !== MANIFEST_PATH)
      problems.push({ kind: 'missing', path, message: `${path}: listed in the manifest but not in the ZIP` });
  }
  return { intact: problems.length === 0, manifest, checked, problems };
}

/** One control of the system's controls CSV (features/exports/cis-crm.data.ts): its live register figures. */
export type PackageControl = {
  code: string;
  title: string;
  type: ResponsibilityType;
  owner: string | null;
  status: keyof typeof STATUS_LABELS;
  evidence: Freshness;
  files: { path: string; title: string; fileName: string; size: number }[];
  /** Links and attestations: not files, so described in the index only. */
  texts: { title: string; kind: 'LINK' | 'NOTE' | 'AUTOMATED'; version: number; text: string; effectiveAt: string }[];
  /** Accepted files whose stored bytes were not found; named so the gap is visible. */
  unavailable: string[];
};

export function packageCsv(controls: PackageControl[]): string {
  return toCsv([
    ['code', 'title', 'type', 'owner', 'status', 'evidence', 'files'],
    ...controls.map((c) => [
      c.code,
      c.title,
      RESPONSIBILITY_LABELS[c.type],
      c.owner ?? '',
      STATUS_LABELS[c.status],
      FRESHNESS_LABELS[c.evidence],
      c.files.map((f) => f.path).join('\n'),
    ]),
  ]);
}

// ── A snapshot's package, from its frozen content only ──────────────────────────────────

export type AuditPeriod = { start: Date | null; end: Date | null };

/** A frozen version is shown to an auditor limited to a period only if it was true within it. */
export function withinPeriod(effectiveAt: string, period: AuditPeriod | undefined): boolean {
  if (!period) return true;
  const at = new Date(`${effectiveAt}T00:00:00Z`).getTime();
  return (!period.start || at >= period.start.getTime()) && (!period.end || at <= period.end.getTime());
}

/** A file of the package: a frozen version's bytes, stored once under the first of its controls by code. */
export type PackageFile = {
  path: string;
  versionId: string;
  evidenceId: string;
  version: number;
  /** The SHA-256 taken at upload and frozen with the snapshot. */
  sha256: string | null;
  title: string;
  fileName: string;
  size: number;
};

export type PackageText = { title: string; kind: 'LINK' | 'NOTE' | 'AUTOMATED'; version: number; text: string; effectiveAt: string };

/** One control of a snapshot's package: its frozen row and the evidence shown for it. */
export type PackageRow = {
  control: SummaryRow;
  files: PackageFile[];
  /** Links and attestations: not files, so described in the index only. */
  texts: PackageText[];
  /** Frozen files whose stored bytes were not found; named so the gap is visible. */
  unavailable: string[];
};

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

/**
 * What a snapshot's package holds, from its frozen content alone: its rows in code order, each
 * with the frozen evidence versions visible to the viewer (an auditor's period), and the files
 * in order. `available` names the versions whose bytes are in storage (all, when omitted); the
 * others are listed as unavailable instead of packed.
 */
export function planPackage(content: SummaryContentV2, period: AuditPeriod | undefined, available?: ReadonlySet<string>) {
  const rows = new Map<string, PackageRow>(
    [...content.rows].sort(byCode).map((control) => [control.id, { control, files: [], texts: [], unavailable: [] }]),
  );
  const files: PackageFile[] = [];
  const place = (controlIds: string[], title: string, kind: FrozenEvidence['kind'], version: FrozenVersion, evidenceId: string) => {
    if (!withinPeriod(version.effectiveAt, period)) return;
    const linked = controlIds.flatMap((id) => rows.get(id) ?? []).sort((a, b) => byCode(a.control, b.control));
    if (linked.length === 0) return;
    if (kind === 'FILE') {
      if (!version.sha256) return;
      const fileName = safeFileName(version.fileName ?? 'evidence');
      if (available && !available.has(version.id)) {
        for (const row of linked) row.unavailable.push(`${title} (v${version.number}, ${fileName})`);
        return;
      }
      const file: PackageFile = {
        path: evidenceEntryPath(linked[0]!.control.code, evidenceId, version.number, fileName),
        versionId: version.id,
        evidenceId,
        version: version.number,
        sha256: version.sha256,
        title,
        fileName,
        size: version.size ?? 0,
      };
      files.push(file);
      for (const row of linked) row.files.push(file);
      return;
    }
    const text =
      kind === 'AUTOMATED'
        ? version.automated
          ? automatedText(version.automated)
          : (version.note ?? '')
        : ((kind === 'LINK' ? version.url : version.note) ?? '');
    for (const row of linked) row.texts.push({ title, kind, version: version.number, text, effectiveAt: version.effectiveAt });
  };
  for (const item of content.evidenceVersions ?? []) place(item.controls, item.title, item.kind, item.version, item.id);
  // The private copies of the reports the AWS halves relied on (a superseded report covers nothing).
  for (const report of content.reports) {
    if (report.copy && !report.superseded)
      place(report.controls, `AWS ${report.title} (${report.artifactReportId})`, 'FILE', report.copy, report.evidenceId);
  }
  return { rows: [...rows.values()], files };
}

/** The versions whose bytes the package needs, to check in storage before planning. */
export const packageVersionIds = (content: SummaryContentV2, period: AuditPeriod | undefined) =>
  planPackage(content, period).files.map((f) => f.versionId);

/** controls.csv of a snapshot's package: each frozen row in words, with its files. */
export function frozenControlsCsv(rows: PackageRow[]): string {
  return toCsv([
    [
      'code',
      'title',
      'type',
      'applicability',
      'aws_half',
      'customer_half',
      'status',
      'owner',
      'owner_email',
      'evidence',
      'aws_valid_until',
      'customer_valid_until',
      'next_review',
      'files',
      'failing_resources',
    ],
    ...rows.map(({ control: c, files }) => [
      c.code,
      c.title,
      RESPONSIBILITY_LABELS[c.type],
      c.applicability ?? 'Applies',
      c.aws?.text ?? '',
      c.customer ? STATUS_LABELS[c.customer.status] : '',
      c.statusLabel,
      c.owner?.name ?? '',
      c.owner?.email ?? '',
      c.applies ? FRESHNESS_LABELS[c.evidence.overall] : '',
      c.evidence.aws?.validUntil ?? '',
      c.evidence.customer?.validUntil ?? '',
      c.nextReviewAt ?? '',
      files.map((f) => f.path).join('\n'),
      String(failingOf(c)),
    ]),
  ]);
}
