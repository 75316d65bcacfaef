import { describe, expect, it } from 'vitest';
import type { SummaryContentV2, SummaryRow } from '@/features/summaries/summary.policy';
import { entryHref, escapeHtml, packageStanding, renderPackageIndex } from './evidence-package-index.policy';
import {
  evidenceEntryPath,
  frozenControlsCsv,
  packageCsv,
  planPackage,
  safeSegment,
  verifyPackageEntries,
  withinPeriod,
  type PackageManifest,
} from './evidence-package.policy';

const H = (c: string) => c.repeat(64);

function manifest(entries: PackageManifest['entries']): PackageManifest {
  return {
    format: 'demarc-evidence-package/1',
    snapshot: { id: 'snap-1', sha256: H('a'), createdAt: '2026-05-04T09:30:00.000Z', signedAt: null },
    system: { id: 'sys-1', name: 'Payments' },
    generatedAt: '2026-05-04T10:00:00.000Z',
    entries,
  };
}

describe('entry paths', () => {
  it('keep every name inside its folder', () => {
    expect(evidenceEntryPath('AWS-AC-01', 'e1', 2, '../../etc/passwd')).toBe('evidence/AWS-AC-01/e1-v2-_.._etc_passwd');
    expect(evidenceEntryPath('A/B', 'e1', 1, 'report.pdf')).toBe('evidence/A_B/e1-v1-report.pdf');
    expect(evidenceEntryPath('C', 'e1', 1, 'C:\\temp\\x<y>.pdf')).toBe('evidence/C/e1-v1-C__temp_x_y_.pdf');
    expect(evidenceEntryPath('..', 'e1', 1, '...')).toBe('evidence/_/e1-v1-_');
  });

  it('drop control characters, fold spaces and cap the length', () => {
    expect(safeSegment('a\u0000b\nc   d ')).toBe('a_b_c d');
    expect([...safeSegment('é'.repeat(500), 150)]).toHaveLength(150);
  });

  it('link with each segment encoded', () => {
    expect(entryHref('evidence/AC 1/x"y#.pdf')).toBe('evidence/AC%201/x%22y%23.pdf');
  });
});

describe('verifyPackageEntries', () => {
  const entries = [
    { path: 'controls.csv', size: 10, sha256: H('1') },
    { path: 'evidence/C/e1-v1-a.pdf', size: 20, sha256: H('2'), evidenceId: 'e1', version: 1, uploadSha256: H('2') },
  ];

  it('passes when every file matches', () => {
    const verdict = verifyPackageEntries(
      manifest(entries),
      entries.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
    );
    expect(verdict).toMatchObject({ intact: true, checked: 2, problems: [] });
  });

  it('names a changed, a missing and an extra file', () => {
    const verdict = verifyPackageEntries(manifest(entries), [
      { path: 'evidence/C/e1-v1-a.pdf', size: 20, sha256: H('3') },
      { path: 'evidence/C/smuggled.exe', size: 1, sha256: H('4') },
    ]);
    expect(verdict.intact).toBe(false);
    expect(verdict.problems.map((p) => [p.kind, 'path' in p ? p.path : ''])).toEqual([
      ['mismatch', 'evidence/C/e1-v1-a.pdf'],
      ['extra', 'evidence/C/smuggled.exe'],
      ['missing', 'controls.csv'],
    ]);
  });

  it('flags evidence that differs from its upload hash even when the manifest agrees', () => {
    const altered = [{ ...entries[1]!, sha256: H('5') }];
    const verdict = verifyPackageEntries(manifest(altered), [{ path: altered[0]!.path, size: 20, sha256: H('5') }]);
    expect(verdict.problems).toEqual([
      expect.objectContaining({ kind: 'mismatch', message: expect.stringContaining('recorded at upload') }),
    ]);
  });

  it('refuses a manifest without a snapshot hash, and one that lists a path twice', () => {
    const noHash = { ...manifest(entries), snapshot: { id: 'snap-1', createdAt: '', signedAt: null } };
    expect(verifyPackageEntries(noHash, []).problems[0]).toMatchObject({
      kind: 'manifest',
      message: expect.stringContaining('snapshot.sha256'),
    });
    expect(verifyPackageEntries(manifest([entries[0]!, entries[0]!]), [entries[0]!]).problems).toEqual([
      expect.objectContaining({ kind: 'manifest', message: 'manifest.json lists controls.csv twice.' }),
    ]);
    expect(verifyPackageEntries('not json', []).intact).toBe(false);
  });
});

const ROW: SummaryRow = {
  id: 'c1',
  code: 'AWS-AC-01',
  title: '<script>alert(1)</script>',
  type: 'SHARED',
  applies: true,
  applicability: null,
  aws: {
    state: 'IMPLEMENTED',
    text: 'Implemented by AWS — SOC 2, report-1, covered until 2026-08-29',
    report: 'report-1',
    validUntil: '2026-08-29',
  },
  customer: { status: 'NOT_STARTED' },
  status: 'NOT_STARTED',
  statusLabel: 'Not started',
  satisfied: false,
  owner: { name: '=HYPERLINK("x")', email: 'dana@example.test' },
  evidence: {
    overall: 'CURRENT',
    aws: { state: 'CURRENT', validUntil: '2026-08-29' },
    customer: { state: 'CURRENT', validUntil: '2027-05-01' },
  },
  nextReviewAt: '2026-09-01',
};

const version = (id: string, effectiveAt: string, extra: object = {}) => ({
  id,
  number: 1,
  effectiveAt,
  fileName: null,
  size: null,
  mediaType: null,
  sha256: null,
  url: null,
  note: null,
  ...extra,
});

const CONTENT = {
  schemaVersion: 2,
  generatedAt: '2026-05-04T09:30:00.000Z',
  organization: 'Acme & Co',
  system: { id: 'sys', name: '<Prod>', regions: ['eu-west-1'], services: ['ec2'] },
  framework: null,
  reports: [],
  rows: [ROW, { ...ROW, id: 'c0', code: 'AWS-AA-00', title: 'First', owner: null }],
  evidenceVersions: [
    {
      id: 'e1',
      kind: 'FILE',
      title: 'Policy & <b>',
      reviewState: 'ACCEPTED',
      reviewedAt: null,
      controls: ['c1', 'c0'],
      version: version('v1', '2026-05-01', { fileName: 'a b#.pdf', size: 2048, sha256: H('e') }),
    },
    {
      id: 'e2',
      kind: 'LINK',
      title: 'Runbook',
      reviewState: 'ACCEPTED',
      reviewedAt: null,
      controls: ['c1'],
      version: version('v2', '2025-01-01', { url: 'javascript:alert(1)' }),
    },
  ],
} as unknown as SummaryContentV2;

describe('a snapshot’s package plan', () => {
  it('stores each frozen file once, under the first of its controls by code, and lists it under all', () => {
    const { rows, files } = planPackage(CONTENT, undefined);
    expect(rows.map((r) => r.control.code)).toEqual(['AWS-AA-00', 'AWS-AC-01']);
    expect(files).toEqual([expect.objectContaining({ path: 'evidence/AWS-AA-00/e1-v1-a b#.pdf', versionId: 'v1', sha256: H('e') })]);
    expect(rows[1]!.files.map((f) => f.path)).toEqual(['evidence/AWS-AA-00/e1-v1-a b#.pdf']);
    expect(rows[1]!.texts).toEqual([
      { title: 'Runbook', kind: 'LINK', version: 1, text: 'javascript:alert(1)', effectiveAt: '2025-01-01' },
    ]);
  });

  it('names a frozen file whose bytes are gone instead of packing it', () => {
    const { rows, files } = planPackage(CONTENT, undefined, new Set());
    expect(files).toEqual([]);
    expect(rows[1]!.unavailable).toEqual(['Policy & <b> (v1, a b#.pdf)']);
  });

  it('leaves out versions true outside an auditor’s period', () => {
    const period = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-12-31T00:00:00Z') };
    expect(withinPeriod('2026-01-01', period)).toBe(true);
    expect(withinPeriod('2025-12-31', period)).toBe(false);
    expect(withinPeriod('2025-12-31', undefined)).toBe(true);
    const { rows } = planPackage(CONTENT, period);
    expect(rows[1]!.texts).toEqual([]);
    expect(rows[1]!.files).toHaveLength(1);
  });
});

describe('failing checks and automated evidence in a package', () => {
  const AUTOMATED = {
    id: 'e3',
    kind: 'AUTOMATED',
    title: 'Security Hub: S3 public access',
    reviewState: 'ACCEPTED',
    reviewedAt: null,
    controls: ['c1'],
    version: version('v3', '2026-05-02', {
      automated: {
        tool: { name: 'AWS Security Hub', version: null },
        scannedAt: '2026-05-02T06:00:00.000Z',
        checks: { passed: 40, failed: 2, notApplicable: 3, suppressed: 1 },
        failingTotal: 2,
      },
    }),
  };
  const content = {
    ...CONTENT,
    rows: [
      { ...ROW, failing: 2 },
      { ...ROW, id: 'c0', code: 'AWS-AA-00', title: 'First', owner: null },
    ],
    evidenceVersions: [...CONTENT.evidenceVersions!, AUTOMATED],
  } as unknown as SummaryContentV2;
  const snapshot = { id: 's1', sha256: H('a'), createdBy: 'Ann', signedAt: null, signedBy: null, signComment: '', intact: true };

  it('describes an AUTOMATED version in a line of text: tool, scan time, counts', () => {
    const { rows, files } = planPackage(content, undefined);
    expect(files).toHaveLength(1);
    expect(rows[1]!.texts).toContainEqual({
      title: 'Security Hub: S3 public access',
      kind: 'AUTOMATED',
      version: 1,
      text: 'AWS Security Hub, scan of 2026-05-02 06:00 UTC: 40 passed, 2 failed, 3 not applicable, 1 suppressed; 2 failing resources',
      effectiveAt: '2026-05-02',
    });
    const html = renderPackageIndex({ content, snapshot, rows });
    expect(html).toContain('<li>Automated check: Security Hub: S3 public access (v1, effective 2026-05-02)');
  });

  it('shows the failing count beside the status; a row frozen without it reads as 0', () => {
    const { rows } = planPackage(content, undefined);
    const html = renderPackageIndex({ content, snapshot, rows });
    expect(html).toContain('Not started<br><strong class="warn">Failing (2 resources)</strong>');
    expect(html.match(/Failing \(/g)).toHaveLength(1);
    const csv = frozenControlsCsv(rows);
    expect(csv).toContain(',next_review,files,failing_resources');
    const [, first, second] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(first).toMatch(/,0$/);
    expect(second).toMatch(/,2$/);
  });
});

describe('index and CSV', () => {
  const snapshot = { id: 's1', sha256: H('a'), createdBy: 'Ann', signedAt: null, signedBy: null, signComment: '', intact: true };

  it('escapes every value in the HTML and links files by relative path', () => {
    const { rows } = planPackage(CONTENT, undefined);
    const html = renderPackageIndex({
      content: CONTENT,
      snapshot: { ...snapshot, signedAt: new Date('2026-05-05T10:00:00Z'), signedBy: '<Bob>', signComment: '"ok"' },
      rows,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="evidence/AWS-AA-00/e1-v1-a%20b%23.pdf"');
    expect(html).toContain('As frozen at 2026-05-04 09:30:00 UTC and signed by &lt;Bob&gt; at 2026-05-05 10:00:00 UTC.');
    expect(html).toContain('dana@example.test');
    // A link is text, never an anchor.
    expect(html).not.toContain('href="javascript');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
    expect(entryHref('evidence/AC 1/x"y#.pdf')).toBe('evidence/AC%201/x%22y%23.pdf');
  });

  it('says when a snapshot is not signed yet', () => {
    expect(packageStanding(CONTENT.generatedAt, snapshot)).toBe('As frozen at 2026-05-04 09:30:00 UTC; not signed yet.');
  });

  it('writes one escaped row per frozen control, in words, with its files', () => {
    const csv = frozenControlsCsv(planPackage(CONTENT, undefined).rows);
    expect(csv).toContain(
      'code,title,type,applicability,aws_half,customer_half,status,owner,owner_email,evidence,aws_valid_until,customer_valid_until,next_review,files',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")",dana@example.test`);
    expect(csv).toContain('Shared,Applies,"Implemented by AWS — SOC 2, report-1, covered until 2026-08-29",Not started,Not started,');
    expect(csv).not.toMatch(/NOT_STARTED|IMPLEMENTED/);
  });

  it('keeps the system controls CSV in words', () => {
    const csv = packageCsv([
      {
        code: 'A',
        title: 't',
        type: 'SHARED',
        owner: null,
        status: 'NOT_STARTED',
        evidence: 'MISSING',
        files: [],
        texts: [],
        unavailable: [],
      },
    ]);
    expect(csv).toContain('Shared,,Not started,Missing');
  });
});
