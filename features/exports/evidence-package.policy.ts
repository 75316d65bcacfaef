// An evidence package's pure side: entry paths, the manifest and its check, the CSV and the
// index page. The ZIP itself is streamed in evidence-package.data.ts and read back in
// verify-package.ts; neither holds a file's bytes in memory.
import { z } from 'zod';
import { toCsv } from '@/features/controls/controls-csv';
import { RESPONSIBILITY_LABELS, type ResponsibilityType } from '@/features/controls/responsibility.policy';
import { FRESHNESS_LABELS, type Freshness } from '@/features/evidence/evidence.policy';
import { STATUS_LABELS } from '@/features/controls/status.policy';

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

/** One control of the package: its register figures and the evidence shown for it. */
export type PackageControl = {
  code: string;
  title: string;
  type: ResponsibilityType;
  owner: string | null;
  status: keyof typeof STATUS_LABELS;
  evidence: Freshness;
  files: { path: string; title: string; fileName: string; size: number }[];
  /** Links and attestations: not files, so described in the index only. */
  texts: { title: string; kind: 'LINK' | 'NOTE'; version: number; text: string; effectiveAt: string }[];
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

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A relative link to an entry: each segment percent-encoded, so a name cannot break out of the attribute. */
export function entryHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export type PackageIndex = {
  organization: string;
  system: { name: string; regions: string[]; services: string[] };
  snapshot: {
    id: string;
    sha256: string;
    createdAt: Date;
    createdBy: string | null;
    signedAt: Date | null;
    signedBy: string | null;
    signComment: string;
    intact: boolean;
  };
  generatedAt: Date;
  controls: PackageControl[];
};

const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** index.html: a self-contained, script-free overview; every value from the database is escaped. */
export function renderPackageIndex(index: PackageIndex): string {
  const e = escapeHtml;
  const { snapshot } = index;
  const signOff = snapshot.signedAt
    ? `<p>Signed off by ${e(snapshot.signedBy ?? 'a former member')} on ${e(snapshot.signedAt.toISOString())}:</p><blockquote>${e(snapshot.signComment)}</blockquote>`
    : '<p><strong>Not signed off.</strong></p>';
  const rows = index.controls
    .map((c) => {
      const files = c.files.map(
        (f) => `<li><a href="${e(entryHref(f.path))}">${e(f.fileName)}</a> — ${e(f.title)} (${e(formatSize(f.size))})</li>`,
      );
      const texts = c.texts.map(
        (t) =>
          `<li>${t.kind === 'LINK' ? 'Link' : 'Attestation'}: ${e(t.title)} (v${t.version}, effective ${e(t.effectiveAt)}): <span class="text">${e(t.text)}</span></li>`,
      );
      const gone = c.unavailable.map((name) => `<li class="warn">${e(name)}: stored file not found, not included</li>`);
      const evidence = [...files, ...texts, ...gone];
      return `<tr><th scope="row">${e(c.code)}</th><td>${e(c.title)}</td><td>${e(RESPONSIBILITY_LABELS[c.type])}</td><td>${e(c.owner ?? '—')}</td><td>${e(STATUS_LABELS[c.status])}</td><td>${e(FRESHNESS_LABELS[c.evidence])}</td><td>${evidence.length ? `<ul>${evidence.join('')}</ul>` : '—'}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Evidence package — ${e(index.system.name)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}code{word-break:break-all}ul{margin:0;padding-left:1.1rem}.text{white-space:pre-wrap}.warn{color:#a00}
blockquote{border-left:3px solid #ccc;margin:.5rem 0;padding-left:.75rem;white-space:pre-wrap}
</style>
</head>
<body>
<h1>Evidence package: ${e(index.system.name)}</h1>
<p>${e(index.organization)} · Regions: ${e(index.system.regions.join(', ') || '—')} · Services: ${e(index.system.services.join(', ') || '—')}</p>
<h2>Snapshot</h2>
<dl>
<dt>Snapshot</dt><dd><code>${e(snapshot.id)}</code>, taken ${e(snapshot.createdAt.toISOString())} by ${e(snapshot.createdBy ?? 'a former member')}</dd>
<dt>SHA-256 of its content</dt><dd><code>${e(snapshot.sha256)}</code>${snapshot.intact ? '' : ' <strong class="warn">(the stored content no longer matches this hash)</strong>'}</dd>
<dt>Package generated</dt><dd>${e(index.generatedAt.toISOString())}. Controls and evidence are as of this time; the snapshot's figures are as of when it was taken.</dd>
</dl>
${signOff}
<p>Every file's SHA-256 is in <a href="${MANIFEST_PATH}">${MANIFEST_PATH}</a>; <code>npm run package:verify -- &lt;file.zip&gt;</code> checks them. The table is also in <a href="${CSV_PATH}">${CSV_PATH}</a>.</p>
<h2>Controls</h2>
<table>
<thead><tr><th scope="col">Code</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Evidence</th><th scope="col">Accepted evidence</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
