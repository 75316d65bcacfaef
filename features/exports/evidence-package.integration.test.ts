import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { openPromise } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createOrganization, createTestSystem } from '@/test/factories';
import { liveMemory } from '@/test/memory';
import { loadRegister } from '@/features/controls/controls.data';
import { createLinkEvidence, reviewEvidence, storeFileUpload, submitEvidence } from '@/features/evidence/evidence.data';
import { loadStarterLibrary } from '@/features/library/library.data';
import { bulkAssignOwner } from '@/features/owners/owners.data';
import { createProviderReport } from '@/features/reports/reports.data';
import { contentHash, createSnapshot, getSnapshot, signOffSnapshot } from '@/features/summaries/summaries.data';
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

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();

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

/** Submits and accepts an evidence item at its current version (someone other than the uploader reviews). */
async function acceptLatest(evidenceId: string) {
  const version = async () =>
    (await sql.query<{ version: number }>(`SELECT version FROM "Evidence" WHERE id = $1`, [evidenceId])).rows[0]!.version;
  await submitEvidence(editor, { evidenceId, version: await version() });
  await reviewEvidence(auditor, { evidenceId, version: await version(), decision: 'ACCEPTED', reason: '' });
}

/** Every entry of a ZIP on disk, by name. */
async function readZip(file: string) {
  const zip = await openPromise(file, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

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

afterAll(async () => {
  await sql.end();
  await rm(dir, { recursive: true, force: true });
});

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

describe('a snapshot’s package holds what was frozen and signed, whatever changes later', () => {
  it('is the same bytes on every download, naming the old owner and holding only the frozen versions', async () => {
    const { ctx: newOwner } = await createMember(ctx, 'EDITOR');
    await bulkAssignOwner(ctx, { systemId, controlIds: [id('AWS-SC-02')], ownerId: ctx.userId });
    const configId = await acceptedFile('config.pdf', [id('AWS-SC-02')], Readable.from([pdf('config v1')]));
    // A provider report with a private copy: the AWS half of the physical controls.
    const report = await createProviderReport(ctx, {
      title: 'SOC 2 Type 2',
      artifactReportId: 'report-PACKAGEFROZEN0001',
      reportVersion: '1',
      series: 'SOC',
      category: 'Certifications and attestations',
      periodStart: daysAgo(375),
      periodEnd: daysAgo(10),
      retrievedAt: daysAgo(5),
      termsAcceptedAt: daysAgo(5),
      controlIds: [id('AWS-PE-01')],
    });
    await storeFileUpload(ctx, { ...provenance, fileName: 'soc2.pdf', evidenceId: report.evidenceId }, Readable.from([pdf('soc2 copy')]));
    // The new file sent the report back to review: a reviewer accepts it again.
    const reportVersion = (await sql.query<{ version: number }>(`SELECT version FROM "Evidence" WHERE id = $1`, [report.evidenceId]))
      .rows[0]!;
    await reviewEvidence(auditor, { evidenceId: report.evidenceId, version: reportVersion.version, decision: 'ACCEPTED', reason: '' });

    const { id: snapshot } = await createSnapshot(auditor, { systemId });
    await signOffSnapshot(auditor, { snapshotId: snapshot, comment: 'Signed for the package test.' });
    const frozen = await getSnapshot(ctx, snapshot);
    const first = await writePackage(ctx, snapshot, 'frozen-1.zip');
    const second = await writePackage(ctx, snapshot, 'frozen-2.zip');
    expect(await sha256(second.file)).toBe(await sha256(first.file));

    // Everything that can change, changes: the owner, a new accepted version and new accepted
    // evidence, a superseded report.
    await bulkAssignOwner(ctx, { systemId, controlIds: [id('AWS-SC-02')], ownerId: newOwner.userId });
    await storeFileUpload(editor, { ...provenance, fileName: 'config.pdf', evidenceId: configId }, Readable.from([pdf('config v2')]));
    await acceptLatest(configId);
    await acceptedFile('later.pdf', [id('AWS-SC-02')], Readable.from([pdf('added after the sign-off')]));
    const successor = await createProviderReport(ctx, {
      title: 'SOC 2 Type 2 bridge',
      artifactReportId: 'report-PACKAGEFROZEN0002',
      reportVersion: '1',
      series: 'SOC',
      category: 'Certifications and attestations',
      periodStart: daysAgo(9),
      periodEnd: daysAgo(1),
      retrievedAt: daysAgo(1),
      termsAcceptedAt: daysAgo(1),
      controlIds: [id('AWS-PE-01')],
    });
    await sql.query(`UPDATE "ProviderReport" SET "supersededById" = $1, "supersededAt" = now() WHERE "evidenceId" = $2`, [
      successor.reportId,
      report.evidenceId,
    ]);

    const after = await getSnapshot(ctx, snapshot);
    expect(after.sha256).toBe(frozen.sha256);
    expect(contentHash(after.content)).toBe(frozen.sha256);
    const third = await writePackage(ctx, snapshot, 'frozen-3.zip');
    expect(await sha256(third.file)).toBe(await sha256(first.file));
    expect(third.fileName).toBe(first.fileName);

    const entries = await readZip(third.file);
    const csv = entries.get('controls.csv')!.toString('utf8');
    const html = entries.get('index.html')!.toString('utf8');
    const sc02 = csv.split('\r\n').find((line) => line.startsWith('AWS-SC-02,'))!;
    expect(sc02).toContain(',Owner,');
    expect(csv).not.toContain('EDITOR member');
    expect(html).not.toContain('EDITOR member');
    expect(html).toMatch(/As frozen at [\d-]+ [\d:]+ UTC and signed by AUDITOR member at [\d-]+ [\d:]+ UTC\./);
    expect(csv).toMatch(/AWS-PE-01,[^\r\n]*Implemented by AWS — SOC 2 Type 2, report-PACKAGEFROZEN0001/);

    // Only the frozen versions' bytes: config v1 (not v2), the report copy, nothing added later.
    const config = [...entries.keys()].find((p) => p.startsWith(`evidence/AWS-SC-02/${configId}-`))!;
    expect(config).toBe(`evidence/AWS-SC-02/${configId}-v1-config.pdf`);
    expect(entries.get(config)).toEqual(pdf('config v1'));
    expect([...entries.keys()].some((p) => p.includes('later.pdf'))).toBe(false);
    expect(entries.get(`evidence/AWS-PE-01/${report.evidenceId}-v1-soc2.pdf`)).toEqual(pdf('soc2 copy'));
    expect((await verifyPackageFile(third.file)).intact).toBe(true);

    // A new snapshot sees the changes.
    const { id: later } = await createSnapshot(auditor, { systemId });
    const fresh = await readZip((await writePackage(ctx, later, 'later.zip')).file);
    expect(fresh.get('controls.csv')!.toString('utf8')).toContain('EDITOR member');
    expect([...fresh.keys()]).toContain(`evidence/AWS-SC-02/${configId}-v2-config.pdf`);
  });

  it('leaves out, for an auditor limited to a period, the frozen evidence true outside it', async () => {
    const { id: snapshot } = await createSnapshot(auditor, { systemId });
    const limited: OrgContext = {
      ...auditor,
      auditPeriod: { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2020-12-31T00:00:00Z') },
    };
    const { file } = await writePackage(limited, snapshot, 'limited.zip');
    const entries = await readZip(file);
    expect([...entries.keys()].filter((p) => p.startsWith('evidence/'))).toEqual([]);
    expect(entries.get('index.html')!.toString('utf8')).toContain('Limited to your audit period, 2020-01-01 to 2020-12-31');
    expect((await verifyPackageFile(file)).intact).toBe(true);
  });

  it('dates every ZIP entry by the freezing, never by the download', async () => {
    const { id: real } = await createSnapshot(auditor, { systemId });
    // The same content as if frozen years ago (its hash no longer matches, which the index says).
    const frozenAt = '2021-03-04T05:06:08.000Z';
    const content = { ...(await getSnapshot(ctx, real)).content, generatedAt: frozenAt };
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO "Snapshot" (id, "orgId", "systemId", content, sha256, "createdById", "createdAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id`,
      [ctx.orgId, systemId, JSON.stringify(content), 'b'.repeat(64), ctx.userId, frozenAt],
    );
    const { file, fileName } = await writePackage(ctx, rows[0]!.id, 'dated.zip');
    expect(fileName).toMatch(/-evidence-package-2021-03-04\.zip$/);
    const zip = await openPromise(file, { lazyEntries: true });
    const dates = new Set<string>();
    for await (const entry of zip.eachEntry()) dates.add(entry.getLastModDate().toISOString());
    expect([...dates]).toEqual([frozenAt]);
  });

  it('is refused for a snapshot frozen in the older format, which recorded no evidence versions', async () => {
    const content = { schemaVersion: 1, generatedAt: new Date().toISOString(), rows: [] };
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO "Snapshot" (id, "orgId", "systemId", content, sha256, "createdById") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5) RETURNING id`,
      [ctx.orgId, systemId, JSON.stringify(content), 'a'.repeat(64), ctx.userId],
    );
    await expect(streamEvidencePackage(ctx, rows[0]!.id)).rejects.toMatchObject({ code: 'CONFLICT' });
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
    // that reuses pages the uploads left resident), live: what the export holds.
    const MB = 1024 * 1024;
    const exportPeak = async (attempt: number) => {
      const before = liveMemory();
      const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
      const sample = () => {
        const now = liveMemory();
        peak.rss = Math.max(peak.rss, now.rss);
        peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
      };
      // A full collection takes tens of milliseconds: sampled four times a second, it leaves the
      // export its pace, and a buffered package would be live for far longer than that.
      const sampler = setInterval(sample, 250);
      const { file } = await writePackage(ctx, snapshot, `large-${attempt}.zip`);
      clearInterval(sampler);
      sample();
      const growthMb = (peak.rss - before.rss) / MB;
      const buffersMb = (peak.arrayBuffers - before.arrayBuffers) / MB;
      console.log(
        `package of ${FILES * FILE_MB} MB, export ${attempt}: RSS ${Math.round(before.rss / MB)} → ${Math.round(peak.rss / MB)} MB (+${growthMb.toFixed(1)}), ` +
          `buffers ${Math.round(before.arrayBuffers / MB)} → ${Math.round(peak.arrayBuffers / MB)} MB (+${buffersMb.toFixed(1)})`,
      );
      return { file, growthMb, buffersMb };
    };
    // Buffering would grow these by the package size (80 MB); streaming holds a few chunks, never
    // a whole file. On a loaded machine V8 can account freed buffers late, so one export may read
    // high by chance: the export is measured up to three times and the lowest reading counts. A
    // package (or a file) held in memory reads high every time.
    const within = (m: { growthMb: number; buffersMb: number }) => m.growthMb < (FILES * FILE_MB) / 2 && m.buffersMb < FILE_MB;
    let best = await exportPeak(1);
    for (let attempt = 2; attempt <= 3 && !within(best); attempt++) {
      const next = await exportPeak(attempt);
      if (next.buffersMb < best.buffersMb) best = next;
    }

    const verdict = await verifyPackageFile(best.file);
    expect(verdict.intact).toBe(true);
    expect(verdict.manifest!.entries.filter((e) => e.path.includes('large-'))).toHaveLength(FILES);
    expect(best.growthMb).toBeLessThan((FILES * FILE_MB) / 2);
    expect(best.buffersMb).toBeLessThan(FILE_MB);
  }, 180_000);
});
