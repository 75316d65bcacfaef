import { describe, expect, it } from 'vitest';
import {
  entryHref,
  escapeHtml,
  evidenceEntryPath,
  packageCsv,
  renderPackageIndex,
  safeSegment,
  verifyPackageEntries,
  type PackageControl,
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

describe('index and CSV', () => {
  const control: PackageControl = {
    code: 'AWS-AC-01',
    title: '<script>alert(1)</script>',
    type: 'SHARED',
    owner: '=HYPERLINK("x")',
    status: 'IMPLEMENTED',
    evidence: 'CURRENT',
    files: [{ path: 'evidence/AWS-AC-01/e1-v1-a"b.pdf', title: 'Policy & <b>', fileName: 'a"b.pdf', size: 2048 }],
    texts: [{ title: 'Runbook', kind: 'LINK', version: 1, text: 'javascript:alert(1)', effectiveAt: '2026-05-01' }],
    unavailable: [],
  };

  it('escapes every value in the HTML and links files by relative path', () => {
    const html = renderPackageIndex({
      organization: 'Acme & Co',
      system: { name: '<Prod>', regions: ['eu-west-1'], services: ['ec2'] },
      snapshot: {
        id: 's1',
        sha256: H('a'),
        createdAt: new Date(0),
        createdBy: 'Ann',
        signedAt: new Date(0),
        signedBy: '<Bob>',
        signComment: '"ok"',
        intact: true,
      },
      generatedAt: new Date(0),
      controls: [control],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="evidence/AWS-AC-01/e1-v1-a%22b.pdf"');
    expect(html).toContain('Signed off by &lt;Bob&gt;');
    // A link is text, never an anchor.
    expect(html).not.toContain('href="javascript');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('writes one escaped row per control with its files', () => {
    const csv = packageCsv([control]);
    expect(csv).toContain('code,title,type,owner,status,evidence,files');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('Shared,');
    expect(csv).toContain('Implemented,Current');
  });
});
