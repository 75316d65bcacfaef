// index.html of a snapshot's evidence package: a self-contained, script-free page built from
// the snapshot's frozen content alone, so it reads the same however often it is downloaded.
import { RESPONSIBILITY_LABELS } from '@/features/controls/responsibility.policy';
import { failingText, STATUS_LABELS } from '@/features/controls/status.policy';
import { FRESHNESS_LABELS } from '@/features/evidence/evidence.policy';
import { serviceName } from '@/features/systems/service-catalog';
import { failingOf, type SummaryContentV2, type SummaryRow } from '@/features/summaries/summary.policy';
import { CSV_PATH, MANIFEST_PATH, type AuditPeriod, type PackageRow } from './evidence-package.policy';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A relative link to an entry: each segment percent-encoded, so a name cannot break out of the attribute. */
export function entryHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export type PackageIndex = {
  content: SummaryContentV2;
  snapshot: {
    id: string;
    sha256: string;
    createdBy: string | null;
    signedAt: Date | null;
    signedBy: string | null;
    signComment: string;
    intact: boolean;
  };
  /** The viewer's audit period, when they are limited to one. */
  period?: AuditPeriod;
  rows: PackageRow[];
};

const e = escapeHtml;
const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '…');

const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "As frozen at … and signed by … at …", or "not signed yet". */
export function packageStanding(frozenAt: string, snapshot: PackageIndex['snapshot']): string {
  return snapshot.signedAt
    ? `As frozen at ${utc(frozenAt)} and signed by ${snapshot.signedBy ?? 'a former member'} at ${utc(snapshot.signedAt.toISOString())}.`
    : `As frozen at ${utc(frozenAt)}; not signed yet.`;
}

function evidenceCell(row: PackageRow): string {
  const files = row.files.map(
    (f) => `<li><a href="${e(entryHref(f.path))}">${e(f.fileName)}</a> — ${e(f.title)}, v${f.version} (${e(formatSize(f.size))})</li>`,
  );
  const texts = row.texts.map(
    (t) =>
      `<li>${t.kind === 'LINK' ? 'Link' : t.kind === 'AUTOMATED' ? 'Automated check' : 'Attestation'}: ${e(t.title)} (v${t.version}, effective ${e(t.effectiveAt)}): <span class="text">${e(t.text)}</span></li>`,
  );
  const gone = row.unavailable.map((name) => `<li class="warn">${e(name)}: stored file not found, not included</li>`);
  const all = [...files, ...texts, ...gone];
  return all.length ? `<ul>${all.join('')}</ul>` : '—';
}

function freshnessCell(c: SummaryRow): string {
  if (!c.applies) return '—';
  const halves = [
    c.evidence.aws &&
      `AWS half: ${FRESHNESS_LABELS[c.evidence.aws.state].toLowerCase()}${c.evidence.aws.validUntil ? `, valid until ${c.evidence.aws.validUntil}` : ''}`,
    c.evidence.customer &&
      `Customer half: ${FRESHNESS_LABELS[c.evidence.customer.state].toLowerCase()}${c.evidence.customer.validUntil ? `, valid until ${c.evidence.customer.validUntil}` : ''}`,
  ].filter(Boolean);
  return `${e(FRESHNESS_LABELS[c.evidence.overall])}${halves.map((h) => `<br><small>${e(h!)}</small>`).join('')}`;
}

function controlRow(row: PackageRow): string {
  const c = row.control;
  const cells = [
    e(c.title),
    e(RESPONSIBILITY_LABELS[c.type]),
    e(c.applicability ?? 'Applies'),
    e(c.aws?.text ?? '—'),
    e(c.customer ? STATUS_LABELS[c.customer.status] : '—'),
    `${e(c.statusLabel)}${failingOf(c) ? `<br><strong class="warn">${e(failingText(failingOf(c))!)}</strong>` : ''}`,
    c.owner ? `${e(c.owner.name)}<br><small>${e(c.owner.email)}</small>` : '—',
    freshnessCell(c),
    e(c.nextReviewAt ?? '—'),
    evidenceCell(row),
  ];
  return `<tr><th scope="row">${e(c.code)}</th>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

function reportsSection(content: SummaryContentV2): string {
  if (content.reports.length === 0) return '<p>No provider report recorded: inherited controls and the AWS halves have no evidence.</p>';
  const rows = content.reports.map(
    (r) =>
      `<tr><td>${e(r.title)}</td><td><code>${e(r.artifactReportId)}</code></td><td>${e(r.periodStart)} to ${e(r.periodEnd)}</td><td>${e(r.validUntil)}</td><td>${e(FRESHNESS_LABELS[r.state])}${r.superseded ? ' (superseded)' : ''}</td></tr>`,
  );
  return `<table>
<thead><tr><th scope="col">Report</th><th scope="col">Artifact id</th><th scope="col">Period</th><th scope="col">Covers until</th><th scope="col">State</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** index.html: every value from the database is escaped; nothing in it depends on when it is downloaded. */
export function renderPackageIndex(index: PackageIndex): string {
  const { content, snapshot, period } = index;
  const { system } = content;
  const comment = snapshot.signedAt ? `<blockquote>${e(snapshot.signComment)}</blockquote>` : '';
  const periodNote = period
    ? `<p class="warn">Limited to your audit period, ${e(day(period.start))} to ${e(day(period.end))}: evidence true outside it is left out.</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Evidence package — ${e(system.name)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}code{word-break:break-all}ul{margin:0;padding-left:1.1rem}.text{white-space:pre-wrap}.warn{color:#a00}
blockquote{border-left:3px solid #ccc;margin:.5rem 0;padding-left:.75rem;white-space:pre-wrap}
</style>
</head>
<body>
<h1>Evidence package: ${e(system.name)}</h1>
<p>${e(content.organization)} · Regions: ${e(system.regions.join(', ') || '—')} · Services: ${e(system.services.map(serviceName).join(', ') || '—')}${content.framework ? ` · only the controls mapped to ${e(content.framework.name)}` : ''}</p>
<p><strong>${e(packageStanding(content.generatedAt, snapshot))}</strong></p>
${comment}
<h2>Snapshot</h2>
<dl>
<dt>Snapshot</dt><dd><code>${e(snapshot.id)}</code>, frozen by ${e(snapshot.createdBy ?? 'a former member')}</dd>
<dt>SHA-256 of its content</dt><dd><code>${e(snapshot.sha256)}</code>${snapshot.intact ? '' : ' <strong class="warn">(the stored content no longer matches this hash)</strong>'}</dd>
</dl>
<p>Owners, statuses, reports and evidence versions are the snapshot's frozen content, as they were at ${e(utc(content.generatedAt))}; later changes do not alter this package.</p>
${periodNote}
<p>Every file's SHA-256 is in <a href="${MANIFEST_PATH}">${MANIFEST_PATH}</a>; <code>npm run package:verify -- &lt;file.zip&gt;</code> checks them. The table is also in <a href="${CSV_PATH}">${CSV_PATH}</a>.</p>
<h2>AWS Artifact reports</h2>
${reportsSection(content)}
<h2>Controls</h2>
<table>
<thead><tr><th scope="col">Code</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Applicability</th><th scope="col">AWS half</th><th scope="col">Customer half</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Evidence</th><th scope="col">Next review</th><th scope="col">Evidence relied on</th></tr></thead>
<tbody>
${index.rows.map(controlRow).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
