import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { POST as uploadFindings } from '@/app/(app)/[org]/findings/upload/route';
import { createMember, createOrganization } from '@/test/factories';
import { callRoute, pageRequest, sessionOf, signedOut } from '@/test/requests';
import { getFindingScan, listFindingScans, listUnmappedFindings, SCANS_PAGE_SIZE, UNMAPPED_PAGE_SIZE } from './scans.data';
import { FINDINGS_UPLOAD_CONTENT_TYPE } from './upload.policy';

/** A scan row as the ingest writes it, inserted directly (the ingest itself is tested with it). */
async function insertScan(ctx: OrgContext, fields: { fileName: string; createdAt: Date; unmapped?: number }) {
  return prisma.findingScan.create({
    data: {
      orgId: ctx.orgId,
      sha256: createHash('sha256').update(randomUUID()).digest('hex'),
      fileName: fields.fileName,
      format: 'asff',
      toolName: 'AWS Security Hub',
      toolVersion: null,
      scannedAt: new Date('2026-07-20T16:47:27Z'),
      findings: 10,
      passed: 4,
      failed: 5,
      notApplicable: 1,
      suppressed: 0,
      mapped: 10 - (fields.unmapped ?? 0),
      unmapped: fields.unmapped ?? 0,
      createdById: ctx.userId,
      actor: 'owner@example.test',
      createdAt: fields.createdAt,
    },
  });
}

function unmappedRow(ctx: OrgContext, scanId: string, checkId: string, resource: string) {
  return {
    orgId: ctx.orgId,
    scanId,
    findingId: randomUUID(),
    checkId,
    title: `${checkId} title`,
    status: 'FAILED',
    suppressed: false,
    accountId: '999988887777',
    region: 'us-east-1',
    resource,
    reason: 'no system runs in account 999988887777 (us-east-1)',
  };
}

describe('findings scans', () => {
  it('lists the organization’s scans newest first, a page at a time', async () => {
    const { ctx } = await createOrganization();
    const base = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < SCANS_PAGE_SIZE + 2; i++) {
      await insertScan(ctx, { fileName: `scan-${String(i).padStart(2, '0')}.json`, createdAt: new Date(base + i * 60_000) });
    }
    const { ctx: outsider } = await createOrganization();
    await insertScan(outsider, { fileName: 'elsewhere.json', createdAt: new Date(base + 3_600_000) });

    const first = await listFindingScans(ctx, { page: 1 });
    expect(first.total).toBe(SCANS_PAGE_SIZE + 2);
    expect(first.rows[0]).toMatchObject({
      fileName: `scan-${SCANS_PAGE_SIZE + 1}.json`,
      findings: 10,
      failed: 5,
      actor: 'owner@example.test',
    });
    const second = await listFindingScans(ctx, { page: 2 });
    expect(second.rows.map((r) => r.fileName)).toEqual(['scan-01.json', 'scan-00.json']);
    expect((await listFindingScans(outsider, { page: 1 })).rows.map((r) => r.fileName)).toEqual(['elsewhere.json']);
  });

  it('lists a scan’s unmapped findings with their reason, paginated; another organization’s scan is not found', async () => {
    const { ctx } = await createOrganization();
    const scan = await insertScan(ctx, { fileName: 'hub.json', createdAt: new Date(), unmapped: UNMAPPED_PAGE_SIZE + 1 });
    const other = await insertScan(ctx, { fileName: 'other.json', createdAt: new Date(), unmapped: 1 });
    await prisma.unmappedFinding.createMany({
      data: [
        ...Array.from({ length: UNMAPPED_PAGE_SIZE }, (_, i) =>
          unmappedRow(ctx, scan.id, 'S3.8', `arn:aws:s3:::bucket-${String(i).padStart(3, '0')}`),
        ),
        unmappedRow(ctx, scan.id, 'IAM.9', 'AWS::::Account:999988887777'),
        unmappedRow(ctx, other.id, 'EC2.13', 'sg-1'),
      ],
    });
    const first = await listUnmappedFindings(ctx, scan.id, { page: 1 });
    expect(first.scan).toMatchObject({ id: scan.id, fileName: 'hub.json' });
    expect(first.total).toBe(UNMAPPED_PAGE_SIZE + 1);
    expect(first.rows[0]).toMatchObject({
      checkId: 'IAM.9',
      reason: 'no system runs in account 999988887777 (us-east-1)',
      accountId: '999988887777',
      region: 'us-east-1',
      status: 'FAILED',
    });
    const last = await listUnmappedFindings(ctx, scan.id, { page: 2 });
    expect(last.rows.map((r) => r.resource)).toEqual([`arn:aws:s3:::bucket-${String(UNMAPPED_PAGE_SIZE - 1).padStart(3, '0')}`]);

    const { ctx: outsider } = await createOrganization();
    await expect(getFindingScan(outsider, scan.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listUnmappedFindings(outsider, scan.id, { page: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getFindingScan(ctx, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the findings upload route', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const upload = (org: string, body: string | null, headers: Record<string, string> = {}) =>
    pageRequest(`/${org}/findings/upload?name=hub.json`, {
      method: 'POST',
      ...(body === null ? {} : { body }),
      headers: { 'content-type': FINDINGS_UPLOAD_CONTENT_TYPE, ...headers },
    });

  async function refused(response: Response, status: number, message: RegExp) {
    expect(response.status).toBe(status);
    expect(((await response.json()) as { ok: boolean; error: { message: string } }).error.message).toMatch(message);
  }

  it('is for owners, admins and editors of the organization, from Demarc’s own pages', async () => {
    const { ctx } = await createOrganization();
    const call = (session: ReturnType<typeof sessionOf>, request = upload(ctx.orgSlug, '{"Findings":[]}')) =>
      callRoute(uploadFindings, session, request, { org: ctx.orgSlug });
    expect((await call(signedOut)).status).toBe(401);
    for (const role of ['VIEWER', 'AUDITOR'] as const) {
      const { ctx: member } = await createMember(ctx, role);
      await refused(await call(sessionOf(member)), 403, /cannot upload security-tool findings/);
    }
    const { ctx: outsider } = await createOrganization();
    expect((await call(sessionOf(outsider))).status).toBe(404);
    await refused(await call(sessionOf(ctx), upload(ctx.orgSlug, '{}', { origin: 'https://evil.example' })), 403, /Demarc page/);
    const refusals = await prisma.auditEvent.count({ where: { orgId: ctx.orgId, action: 'access.refused' } });
    expect(refusals).toBeGreaterThanOrEqual(2);
  });

  it('refuses another content type, an empty body and a declared size over the limit before reading, saying why', async () => {
    const { ctx } = await createOrganization();
    const { ctx: editor } = await createMember(ctx, 'EDITOR');
    const call = (request: Request) => callRoute(uploadFindings, sessionOf(editor), request, { org: ctx.orgSlug });
    // A cross-site form can send text/plain or multipart, never this type.
    await refused(
      await call(upload(ctx.orgSlug, '{}', { 'content-type': 'text/plain' })),
      422,
      /Send the file as application\/vnd\.demarc\.findings-upload/,
    );
    await refused(await call(upload(ctx.orgSlug, null)), 422, /The file is empty/);
    vi.stubEnv('DEMARC_MAX_FINDINGS_MB', '1');
    await refused(await call(upload(ctx.orgSlug, '{}', { 'content-length': String(2 * 1024 * 1024) })), 422, /larger than 1 MB/);
    expect(await prisma.findingScan.count({ where: { orgId: ctx.orgId } })).toBe(0);
  });
});
