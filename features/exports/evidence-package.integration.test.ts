import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openPromise } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { loadRegister } from '@/features/controls/controls.data';
import { createLinkEvidence, reviewEvidence, storeFileUpload, submitEvidence } from '@/features/evidence/evidence.data';
import { loadStarterLibrary } from '@/features/library/library.data';
import { createSnapshot } from '@/features/summaries/summaries.data';
import type { OrgContext } from '@/lib/auth/permissions';
import { streamEvidencePackage } from './evidence-package.data';
import { verifyPackageFile } from './verify-package';

const provenance = {
  effectiveAt: new Date().toISOString().slice(0, 10),
  source: 'AWS Config export',
  periodStart: '',
  periodEnd: '',
  notes: '',
};
const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n`);

let dir: string;
let ctx: OrgContext;
let editor: OrgContext;
let auditor: OrgContext;
let systemId: string;
let id: (code: string) => string;

/** Uploads, submits and accepts a file linked to the given controls. */
async function acceptedFile(fileName: string, controlIds: string[], body: Readable) {
  const { evidenceId } = await storeFileUpload(
    editor,
    { ...provenance, fileName, evidence: { title: `Evidence ${fileName}`, description: '', systemId, controlIds } },
    body,
  );
  await submitEvidence(editor, { evidenceId, version: 1 });
  await reviewEvidence(auditor, { evidenceId, version: 2, decision: 'ACCEPTED', reason: '' });
  return evidenceId;
}

async function writePackage(owner: OrgContext, snapshotId: string, name: string) {
  const file = path.join(dir, name);
  const { stream, fileName } = await streamEvidencePackage(owner, snapshotId);
  await pipeline(stream, createWriteStream(file));
  return { file, fileName };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'demarc-package-'));
  ({ ctx } = await createOrganization('Package Co'));
  ({ ctx: editor } = await createMember(ctx, 'EDITOR'));
  ({ ctx: auditor } = await createMember(ctx, 'AUDITOR'));
  await loadStarterLibrary(ctx);
  const system = await createTestSystem(ctx, ['ec2', 's3', 'iam'], 'Payments <prod>');
  systemId = system.id;
  const register = await loadRegister(ctx, system);
  id = (c: string) => register.find((r) => r.code === c)!.id;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('evidence package', () => {
  let snapshotId: string;
  let scanId: string;

  it('holds the index, CSV, accepted files and a manifest, and verifies intact', async () => {
    scanId = await acceptedFile('scan "results".pdf', [id('AWS-SI-01'), id('AWS-AC-01')], Readable.from([pdf('scan')]));
    await acceptedFile('policy.pdf', [id('AWS-AC-01')], Readable.from([pdf('policy')]));
    // Not accepted: stays out of the package.
    await storeFileUpload(
      editor,
      { ...provenance, fileName: 'draft.pdf', evidence: { title: 'Draft', description: '', systemId, controlIds: [id('AWS-AC-01')] } },
      Readable.from([pdf('draft')]),
    );
    const link = await createLinkEvidence(editor, {
      ...provenance,
      title: 'Runbook <wiki>',
      description: '',
      systemId,
      controlIds: [id('AWS-AC-01')],
      url: 'https://wiki.example.test/runbook',
    });
    await submitEvidence(editor, { evidenceId: link.id, version: 1 });
    await reviewEvidence(auditor, { evidenceId: link.id, version: 2, decision: 'ACCEPTED', reason: '' });
    ({ id: snapshotId } = await createSnapshot(auditor, { systemId }));

    const { file, fileName } = await writePackage(ctx, snapshotId, 'intact.zip');
    expect(fileName).toMatch(/^payments-prod-evidence-package-\d{4}-\d{2}-\d{2}\.zip$/);
    const verdict = await verifyPackageFile(file);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    const manifest = verdict.manifest!;
    expect(manifest.snapshot).toMatchObject({ id: snapshotId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const paths = manifest.entries.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['controls.csv', 'index.html', `evidence/AWS-AC-01/${scanId}-v1-scan results.pdf`]));
    expect(paths.filter((p) => p.startsWith('evidence/'))).toHaveLength(2);
    expect(paths.some((p) => p.includes('draft'))).toBe(false);

    // The index links the files and shows the link as escaped text.
    const zip = await openPromise(file, { lazyEntries: true });
    const texts = new Map<string, string>();
    for await (const entry of zip.eachEntry()) {
      if (!['index.html', 'controls.csv'].includes(entry.fileName)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
      texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
    const html = texts.get('index.html')!;
    expect(html).toContain(manifest.snapshot.sha256);
    expect(html).toContain(`href="evidence/AWS-AC-01/${scanId}-v1-scan%20results.pdf"`);
    expect(html).toContain('Runbook &lt;wiki&gt;');
    expect(html).toContain('https://wiki.example.test/runbook');
    expect(html).not.toContain('<prod>');
    expect(texts.get('controls.csv')).toMatch(/AWS-SI-01,[^\r\n]*evidence\/AWS-AC-01\//);
  });

  it('fails, naming the file, after one byte of one evidence file changes', async () => {
    const { file } = await writePackage(ctx, snapshotId, 'tampered.zip');
    const target = `evidence/AWS-AC-01/${scanId}-v1-scan results.pdf`;
    const zip = await openPromise(file, { lazyEntries: true, autoClose: false });
    let offset = -1;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== target) continue;
      expect(entry.compressionMethod).toBe(0); // stored: its bytes sit in the ZIP as they are
      offset = (await zip.readLocalFileHeaderPromise(entry, { minimal: true })).fileDataStart + 12;
    }
    zip.close();
    expect(offset).toBeGreaterThan(0);
    const handle = await open(file, 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, offset);
    await handle.write(Buffer.from([byte[0]! ^ 0x01]), 0, 1, offset);
    await handle.close();

    const verdict = await verifyPackageFile(file);
    expect(verdict.intact).toBe(false);
    expect(verdict.problems).toEqual([expect.objectContaining({ kind: 'mismatch', path: target })]);
  });

  it('is NOT_FOUND for another organization and for another system of the same one', async () => {
    const { ctx: other } = await createOrganization();
    await expect(streamEvidencePackage(other, snapshotId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const second = await createTestSystem(ctx, ['ec2']);
    await expect(streamEvidencePackage(ctx, snapshotId, { systemId: second.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('evidence package memory', () => {
  const FILE_MB = Number(process.env.PACKAGE_TEST_FILE_MB ?? 20);
  const FILES = 4;

  /** A PDF-looking file of random bytes, produced a megabyte at a time. */
  async function* randomPdf(megabytes: number) {
    yield Buffer.from('%PDF-1.7\n');
    for (let i = 0; i < megabytes; i++) yield randomBytes(1024 * 1024);
    yield Buffer.from('\n%%EOF\n');
  }

  it(`streams ${FILES} × ${FILE_MB} MB without holding the package in memory`, async () => {
    const previous = process.env.DEMARC_MAX_UPLOAD_MB;
    process.env.DEMARC_MAX_UPLOAD_MB = String(FILE_MB + 1);
    try {
      for (let i = 0; i < FILES; i++) await acceptedFile(`large-${i}.pdf`, [id('AWS-CM-01')], Readable.from(randomPdf(FILE_MB)));
    } finally {
      if (previous === undefined) delete process.env.DEMARC_MAX_UPLOAD_MB;
      else process.env.DEMARC_MAX_UPLOAD_MB = previous;
    }
    const { id: snapshot } = await createSnapshot(auditor, { systemId });

    // RSS, and the memory outside the JS heap where Buffers live (RSS alone can hide a buffer
    // that reuses pages the uploads left resident).
    const MB = 1024 * 1024;
    const before = process.memoryUsage();
    const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
    const sample = () => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    };
    const sampler = setInterval(sample, 5);
    const { file } = await writePackage(ctx, snapshot, 'large.zip');
    clearInterval(sampler);
    sample();
    const growthMb = (peak.rss - before.rss) / MB;
    const buffersMb = (peak.arrayBuffers - before.arrayBuffers) / MB;
    console.log(
      `package of ${FILES * FILE_MB} MB: RSS ${Math.round(before.rss / MB)} → ${Math.round(peak.rss / MB)} MB (+${growthMb.toFixed(1)}), ` +
        `buffers ${Math.round(before.arrayBuffers / MB)} → ${Math.round(peak.arrayBuffers / MB)} MB (+${buffersMb.toFixed(1)})`,
    );

    const verdict = await verifyPackageFile(file);
    expect(verdict.intact).toBe(true);
    expect(verdict.manifest!.entries.filter((e) => e.path.includes('large-'))).toHaveLength(FILES);
    // Buffering would grow these by the package size (80 MB); streaming measured +0–3 MB RSS and
    // +9–25 MB of not-yet-collected 64 KB chunks, independent of the package size.
    expect(growthMb).toBeLessThan((FILES * FILE_MB) / 2);
    expect(buffersMb).toBeLessThan((FILES * FILE_MB) / 2);
  });
});
