import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { parseInput } from '@/lib/action';
import { createLinkEvidenceSchema } from './evidence.schema';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { findOrgContext } from '@/features/auth/auth.data';
import { listMembers, setAuditPeriod } from '@/features/members/members.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import {
  addComment,
  addLinkVersion,
  addNoteVersion,
  createLinkEvidence,
  createNoteEvidence,
  getEvidence,
  listEvidence,
  openVersionDownload,
  reviewEvidence,
  storeFileUpload,
  submitEvidence,
} from './evidence.data';

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();
afterAll(() => sql.end());

const pdfWith = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const provenance = {
  effectiveAt: new Date().toISOString().slice(0, 10),
  source: 'AWS Config export',
  periodStart: '',
  periodEnd: '',
  notes: '',
};

async function setup() {
  const { ctx } = await createOrganization();
  const { ctx: editor } = await createMember(ctx, 'EDITOR');
  const { ctx: auditor } = await createMember(ctx, 'AUDITOR');
  const control = await createTestControl(ctx, { defaultType: 'CUSTOMER', cadence: 'QUARTERLY' });
  return { ctx, editor, auditor, control };
}

const upload = (ctx: Parameters<typeof storeFileUpload>[0], controlIds: string[], bytes: Buffer, fileName = 'scan-results.pdf') =>
  storeFileUpload(
    ctx,
    { ...provenance, fileName, evidence: { title: 'Quarterly scan', description: '', systemId: '', controlIds } },
    Readable.from([bytes]),
  );

const storedFiles = async () => {
  const root = process.env.DEMARC_STORAGE_DIR!;
  const orgs = await readdir(root).catch(() => []);
  return (await Promise.all(orgs.map((o) => readdir(path.join(root, o))))).flat();
};

describe('evidence files', () => {
  it('records the SHA-256 of exactly the stored bytes, and downloads them back', async () => {
    const { editor, control } = await setup();
    const result = await upload(editor, [control.id], PDF);
    expect(result.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const version = await prisma.evidenceVersion.findFirstOrThrow({ where: { evidenceId: result.evidenceId } });
    const onDisk = await readFile(path.join(process.env.DEMARC_STORAGE_DIR!, version.storageKey!));
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(version.sha256);
    expect(version).toMatchObject({ mediaType: 'application/pdf', fileName: 'scan-results.pdf', size: BigInt(PDF.length), number: 1 });

    const download = await openVersionDownload(editor, result.evidenceId, 1);
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
  });

  it('never changes a version: a new upload adds one, and the database refuses edits', async () => {
    const { editor, control } = await setup();
    const first = await upload(editor, [control.id], PDF);
    const second = await storeFileUpload(
      editor,
      { ...provenance, fileName: 'scan-v2.pdf', evidenceId: first.evidenceId },
      Readable.from([Buffer.concat([PDF, Buffer.from('% v2\n')])]),
    );
    expect(second.version).toBe(2);
    expect((await getEvidence(editor, first.evidenceId)).versions.map((v) => v.number)).toEqual([2, 1]);
    await expect(sql.query(`UPDATE "EvidenceVersion" SET "sha256" = 'x' WHERE "evidenceId" = $1`, [first.evidenceId])).rejects.toThrow(
      /immutable/,
    );
    await expect(sql.query(`DELETE FROM "EvidenceVersion" WHERE "evidenceId" = $1`, [first.evidenceId])).rejects.toThrow(/immutable/);
  });

  it('refuses bad files with a clear message and leaves no row and no file behind', async () => {
    const { editor, control } = await setup();
    const before = await storedFiles();
    const attempts: [Buffer, string, RegExp][] = [
      [Buffer.alloc(0), 'empty.pdf', /empty/],
      [Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary\x00\x00'), 'tool.exe', /not accepted/],
      [PDF, 'looks-like-text.txt', /PDF but its name ends in “.txt”/],
      [Buffer.from('#!/bin/sh\necho hi\n'), 'script.sh', /must be named/],
    ];
    for (const [bytes, name, message] of attempts) {
      await expect(upload(editor, [control.id], bytes, name)).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(message),
      });
    }
    process.env.DEMARC_MAX_UPLOAD_MB = '1';
    try {
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 1, 0x20)]);
      await expect(upload(editor, [control.id], big)).rejects.toMatchObject({ message: expect.stringContaining('1 MB limit') });
    } finally {
      delete process.env.DEMARC_MAX_UPLOAD_MB;
    }
    expect(await prisma.evidence.count({ where: { orgId: editor.orgId } })).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it('leaves nothing when the upload is interrupted', async () => {
    const { editor, control } = await setup();
    const before = await storedFiles();
    const interrupted = new Readable({
      read() {
        this.push(Buffer.concat([PDF, Buffer.alloc(100_000, 0x20)]));
        this.destroy(new Error('connection reset by peer'));
      },
    });
    await expect(
      storeFileUpload(
        editor,
        { ...provenance, fileName: 'cut.pdf', evidence: { title: 'Cut', description: '', systemId: '', controlIds: [control.id] } },
        interrupted,
      ),
    ).rejects.toThrow(/connection reset/);
    expect(await prisma.evidence.count({ where: { orgId: editor.orgId } })).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it('says when the same file is already evidence for the control, and points at it', async () => {
    const { editor, control } = await setup();
    const first = await upload(editor, [control.id], PDF);
    await expect(upload(editor, [control.id], PDF, 'copy.pdf')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('same SHA-256'),
      fieldErrors: { existingEvidenceId: [first.evidenceId] },
    });
    const other = await createTestControl(editor);
    expect((await upload(editor, [other.id], PDF, 'copy.pdf')).evidenceId).not.toBe(first.evidenceId);
  });

  it("cannot download, read or review another organization's evidence", async () => {
    const { editor, control } = await setup();
    const { evidenceId } = await upload(editor, [control.id], PDF);
    const other = await createOrganization();
    await expect(openVersionDownload(other.ctx, evidenceId, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getEvidence(other.ctx, evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(reviewEvidence(other.ctx, { evidenceId, version: 1, decision: 'ACCEPTED', reason: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(addComment(other.ctx, { evidenceId, body: 'hi' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(upload(other.ctx, [control.id], PDF)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('review', () => {
  it('goes draft → submitted → accepted by an auditor, and the control turns current', async () => {
    const { ctx, editor, auditor, control } = await setup();
    const system = await createTestSystem(ctx, []);
    const register = async () => (await listControls(ctx, parseRegisterFilters({ system: system.id }))).rows[0]!.freshness.overall;
    expect(await register()).toBe('MISSING');

    const { evidenceId } = await upload(editor, [control.id], PDF);
    await expect(reviewEvidence(auditor, { evidenceId, version: 1, decision: 'ACCEPTED', reason: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await submitEvidence(editor, { evidenceId, version: 1 });
    await expect(reviewEvidence(editor, { evidenceId, version: 2, decision: 'ACCEPTED', reason: '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await reviewEvidence(auditor, { evidenceId, version: 2, decision: 'ACCEPTED', reason: '' });
    expect(await register()).toBe('CURRENT');

    // A new version goes back to draft: what was accepted has changed.
    await expect(addNoteVersion(editor, { evidenceId, note: 'x', ...provenance })).rejects.toMatchObject({ code: 'VALIDATION' });
    await storeFileUpload(
      editor,
      { ...provenance, fileName: 'v2.pdf', evidenceId },
      Readable.from([Buffer.concat([PDF, Buffer.from('%v2')])]),
    );
    expect((await getEvidence(editor, evidenceId)).reviewState).toBe('DRAFT');
    expect(await register()).toBe('MISSING');
  });

  it('requires a reason to reject, lets auditors comment, and keeps viewers out', async () => {
    const { ctx, editor, auditor, control } = await setup();
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    const note = await createNoteEvidence(editor, {
      ...provenance,
      title: 'Training attestation',
      description: '',
      systemId: '',
      controlIds: [control.id],
      note: 'All staff completed training.',
    });
    await submitEvidence(editor, { evidenceId: note.id, version: 1 });
    await reviewEvidence(auditor, { evidenceId: note.id, version: 2, decision: 'REJECTED', reason: 'Missing the completion report.' });
    const rejected = await getEvidence(ctx, note.id);
    expect(rejected).toMatchObject({ reviewState: 'REJECTED', reviewReason: 'Missing the completion report.' });
    await addComment(auditor, { evidenceId: note.id, body: 'Attach the LMS export, please.' });
    expect((await getEvidence(editor, note.id)).comments.map((c) => c.body)).toEqual(['Attach the LMS export, please.']);
    await expect(addComment(viewer, { evidenceId: note.id, body: 'hi' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      createNoteEvidence(auditor, { ...provenance, title: 'x', description: '', systemId: '', controlIds: [control.id], note: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const actions = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, entityId: note.id },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'evidence.created',
      'evidence.version_added',
      'evidence.submitted',
      'evidence.rejected',
      'evidence.commented',
    ]);
  });

  it('keeps links and attestations as versions too, and refuses non-web links', async () => {
    const { editor, control } = await setup();
    const link = await createLinkEvidence(editor, {
      ...provenance,
      title: 'CloudTrail dashboard',
      description: '',
      systemId: '',
      controlIds: [control.id],
      url: 'https://console.aws.amazon.com/cloudtrail',
    });
    await addLinkVersion(editor, { ...provenance, evidenceId: link.id, url: 'https://console.aws.amazon.com/cloudtrail/home#/trails' });
    expect((await getEvidence(editor, link.id)).versions.map((v) => v.url)).toEqual([
      'https://console.aws.amazon.com/cloudtrail/home#/trails',
      'https://console.aws.amazon.com/cloudtrail',
    ]);
    const input = { ...provenance, title: 'x', description: '', systemId: '', controlIds: [control.id], url: 'javascript:alert(1)' };
    await expect(parseInput(createLinkEvidenceSchema, input)).rejects.toMatchObject({
      fieldErrors: { url: [expect.stringContaining('https://')] },
    });
  });

  it('hides evidence true outside the audit period from a period-limited auditor', async () => {
    const { ctx, editor, control } = await setup();
    const { membershipId, ctx: auditorCtx } = await createMember(ctx, 'AUDITOR');
    const at = (effectiveAt: string, label: string) =>
      storeFileUpload(
        editor,
        {
          ...provenance,
          effectiveAt,
          fileName: `${label}.pdf`,
          evidence: { title: label, description: '', systemId: '', controlIds: [control.id] },
        },
        Readable.from([pdfWith(label)]),
      );
    const inside = await at('2026-03-15', 'inside');
    const outside = await at('2025-06-01', 'outside');
    await expect(
      setAuditPeriod(ctx, {
        membershipId: (await listMembers(ctx)).find((m) => m.role === 'OWNER')!.id,
        start: '2026-01-01',
        end: '2026-06-30',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await setAuditPeriod(ctx, { membershipId, start: '2026-01-01', end: '2026-06-30' });

    // The period is read with the membership, as every request does.
    const auditor = (await findOrgContext({ userId: auditorCtx.userId, sessionVersion: 0 }, ctx.orgSlug))!;
    expect(auditor.auditPeriod).toEqual({ start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-06-30T00:00:00Z') });
    expect((await listEvidence(auditor, { page: 1 })).items.map((e) => e.title)).toEqual(['inside']);
    expect((await getEvidence(auditor, inside.evidenceId)).versions).toHaveLength(1);
    await expect(getEvidence(auditor, outside.evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openVersionDownload(auditor, outside.evidenceId, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listEvidence(ctx, { page: 1 })).total).toBe(2);
  });
});
