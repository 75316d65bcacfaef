import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import type { OrgContext } from '@/lib/auth/permissions';
import { findOrgContext } from '@/features/auth/auth.data';
import { getControl, listControls, loadRegister } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { setAuditPeriod } from '@/features/members/members.data';
import { listMyControls, saveImplementation } from '@/features/owners/owners.data';
import { createSnapshot, getSnapshot, getSummary } from '@/features/summaries/summaries.data';
import { failingOf, type SummaryContentV2 } from '@/features/summaries/summary.policy';
import { createCheckFailure, createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { getEvidence } from '@/features/evidence/evidence.data';
import { planPackage } from '@/features/exports/evidence-package.policy';
import type { AutomatedResult } from '@/features/findings/automated';
import { renderSummaryPdf } from '@/features/summaries/summary-pdf';
import { extractText, getDocumentProxy } from 'unpdf';
import { acceptRisk, listControlCheckFailures, revokeRiskAcceptance } from './check-failures.data';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const inDays = (n: number) => new Date(`${isoDay(new Date(Date.now() + n * DAY))}T00:00:00Z`);

/** Accepted customer evidence for a control, effective today (the evidence UI is not what is tested here). */
async function acceptEvidence(ctx: OrgContext, controlId: string) {
  const evidence = await prisma.evidence.create({
    data: {
      orgId: ctx.orgId,
      kind: 'NOTE',
      title: 'Bucket policy review',
      reviewState: 'ACCEPTED',
      reviewedById: ctx.userId,
      reviewedAt: new Date(),
      createdById: ctx.userId,
    },
  });
  await prisma.evidenceVersion.create({
    data: { orgId: ctx.orgId, evidenceId: evidence.id, number: 1, note: 'Reviewed', uploadedById: ctx.userId, effectiveAt: new Date() },
  });
  await prisma.evidenceControl.create({ data: { evidenceId: evidence.id, controlId, orgId: ctx.orgId } });
}

/**
 * A customer control implemented with current evidence (satisfied), owned by an editor, and its
 * failures: resources A (two checks) and B open, C suppressed by the tool, D resolved, E under a
 * running risk acceptance, F under one that expired yesterday. Failing: A, B, F.
 */
async function setup() {
  const { ctx } = await createOrganization();
  const { ctx: editor } = await createMember(ctx, 'EDITOR');
  const system = await createTestSystem(ctx, ['s3']);
  const control = await createTestControl(ctx, { defaultType: 'CUSTOMER', cadence: 'ANNUAL', title: 'S3 public access' });
  const quiet = await createTestControl(ctx, { defaultType: 'CUSTOMER', cadence: 'ANNUAL', title: 'Quiet control' });
  for (const c of [control, quiet]) {
    await saveImplementation(ctx, {
      controlId: c.id,
      systemId: system.id,
      version: 0,
      status: 'IMPLEMENTED',
      narrative: 'Block Public Access on every bucket',
      justification: '',
      ownerId: editor.userId,
      nextReviewAt: '',
    } as never);
    await acceptEvidence(ctx, c.id);
  }
  const on = { systemId: system.id, controlId: control.id };
  const failures = {
    a1: await createCheckFailure(ctx, { ...on, resource: 'arn:aws:s3:::a', checkId: 'S3.8' }),
    a2: await createCheckFailure(ctx, { ...on, resource: 'arn:aws:s3:::a', checkId: 'S3.1' }),
    b: await createCheckFailure(ctx, { ...on, resource: 'arn:aws:s3:::b' }),
    c: await createCheckFailure(ctx, { ...on, resource: 'arn:aws:s3:::c', suppressed: true }),
    d: await createCheckFailure(ctx, { ...on, resource: 'arn:aws:s3:::d', resolvedAt: new Date('2026-11-20T08:00:00Z') }),
    e: await createCheckFailure(ctx, {
      ...on,
      resource: 'arn:aws:s3:::e',
      riskAcceptedUntil: inDays(30),
      riskJustification: 'Public website bucket, content is public by design',
    }),
    f: await createCheckFailure(ctx, {
      ...on,
      resource: 'arn:aws:s3:::f',
      riskAcceptedUntil: inDays(-1),
      riskJustification: 'Migration to CloudFront finishes this week',
    }),
  };
  return { ctx, editor, system, control, quiet, failures };
}

const rowOf = async (ctx: OrgContext, system: { id: string }, controlId: string, today?: Date) =>
  (await loadRegister(ctx, { id: system.id, services: ['s3'] }, { today })).find((r) => r.id === controlId)!;

describe('failing checks carried into every status', () => {
  it('counts open, unsuppressed, unaccepted failures by distinct resource; the control is not satisfied, its status stays', async () => {
    const { ctx, system, control, quiet } = await setup();
    const row = await rowOf(ctx, system, control.id);
    expect(row.state).toMatchObject({ status: 'IMPLEMENTED', failing: 3, satisfied: false });
    expect(row.freshness.overall).toBe('CURRENT');
    // The control next to it, with no failure, is satisfied: the same evidence and status.
    expect((await rowOf(ctx, system, quiet.id)).state).toMatchObject({ status: 'IMPLEMENTED', failing: 0, satisfied: true });

    const register = await listControls(ctx, parseRegisterFilters({ system: system.id }));
    expect(register.rows.find((r) => r.id === control.id)!.state.failing).toBe(3);
    const onlyFailing = await listControls(ctx, parseRegisterFilters({ system: system.id, failing: '1' }));
    expect(onlyFailing.rows.map((r) => r.id)).toEqual([control.id]);
    const detail = await getControl(ctx, control.id);
    expect(detail.systems.find((s) => s.id === system.id)!.state).toMatchObject({ failing: 3, satisfied: false });
  });

  it('shows the count on the owner’s My controls, first among what needs attention', async () => {
    const { editor, control, quiet } = await setup();
    const mine = await listMyControls(editor);
    const failing = mine.find((r) => r.controlId === control.id)!;
    expect(failing.state.failing).toBe(3);
    expect(failing.attention[0]).toBe('failing-checks');
    expect(mine.find((r) => r.controlId === quiet.id)!.attention).not.toContain('failing-checks');
    expect(mine[0]!.controlId).toBe(control.id);
  });

  it('lists the control page’s failing checks by standing, with acceptances and history', async () => {
    const { ctx, system, control, failures } = await setup();
    const list = (await listControlCheckFailures(ctx, control.id)).get(system.id)!;
    expect(list.hasResults).toBe(true);
    expect(list.open.map((f) => f.id).sort()).toEqual([failures.a1.id, failures.a2.id, failures.b.id, failures.f.id].sort());
    expect(list.suppressed.map((f) => f.id)).toEqual([failures.c.id]);
    expect(list.resolved.map((f) => f.id)).toEqual([failures.d.id]);
    expect(list.accepted).toEqual([
      expect.objectContaining({
        id: failures.e.id,
        riskJustification: 'Public website bucket, content is public by design',
        riskAcceptedBy: expect.stringContaining('Owner'),
        riskAcceptedUntil: inDays(30),
      }),
    ]);
    expect(list.open[0]).toMatchObject({
      remediation: expect.any(String),
      severity: 'HIGH',
      accountId: '123456789012',
      region: 'eu-west-1',
    });
    // Another system, with no automated results for the control: nothing listed.
    const other = await createTestSystem(ctx, ['s3']);
    expect((await listControlCheckFailures(ctx, control.id)).get(other.id)).toBeUndefined();
    // Another organization sees none of them.
    const { ctx: outsider } = await createOrganization();
    expect((await listControlCheckFailures(outsider, control.id)).size).toBe(0);
  });

  it('carries the count into the summary, its gaps and figures, and a frozen snapshot', async () => {
    const { ctx, system, control, quiet } = await setup();
    const summary = await getSummary(ctx, system.id);
    const row = summary.rows.find((r) => r.id === control.id)!;
    expect(row).toMatchObject({ failing: 3, satisfied: false, status: 'IMPLEMENTED' });
    expect(failingOf(summary.rows.find((r) => r.id === quiet.id)!)).toBe(0);
    expect(summary.rows.find((r) => r.id === quiet.id)).not.toHaveProperty('failing');
    expect(summary.controls.failing).toBe(1);
    expect(summary.gaps.find((g) => g.code === control.code)!.reasons).toEqual(['Failing (3 resources)']);
    expect(summary.gaps.some((g) => g.code === quiet.code)).toBe(false);

    const { id } = await createSnapshot(ctx, { systemId: system.id });
    const snapshot = await getSnapshot(ctx, id);
    const content = snapshot.content as SummaryContentV2;
    expect(snapshot.intact).toBe(true);
    expect(failingOf(content.rows.find((r) => r.id === control.id)!)).toBe(3);
    expect(content.controls.failing).toBe(1);

    const pdf = await renderSummaryPdf(content, { title: 'Snapshot', snapshot: { ...snapshot, intact: snapshot.intact } });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const words = text.replace(/\s+/g, ' ');
    expect(words).toContain('Failing (3 resources)');
    expect(words).toContain('1 control that applies has failing automated checks');
  });

  it('shows an AUTOMATED version’s results on the evidence page and as a line in a snapshot’s package', async () => {
    const { ctx, system, control } = await setup();
    const result: AutomatedResult = {
      scanId: (await prisma.findingScan.findFirstOrThrow({ where: { orgId: ctx.orgId }, select: { id: true } })).id,
      format: 'asff',
      tool: { name: 'AWS Security Hub', version: null },
      scannedAt: new Date().toISOString(),
      accounts: ['123456789012'],
      regions: ['eu-west-1'],
      checks: { passed: 9, failed: 2, notApplicable: 1, suppressed: 0 },
      failing: [
        {
          resource: 'arn:aws:s3:::a',
          checkId: 'S3.8',
          title: 'Block public access',
          severity: 'HIGH',
          remediation: 'Turn it on',
          suppressed: false,
        },
        {
          resource: 'arn:aws:s3:::b',
          checkId: 'S3.8',
          title: 'Block public access',
          severity: 'HIGH',
          remediation: 'Turn it on',
          suppressed: false,
        },
      ],
      failingTotal: 2,
    };
    const evidence = await prisma.evidence.create({
      data: {
        orgId: ctx.orgId,
        kind: 'AUTOMATED',
        title: 'Security Hub: S3 public access',
        systemId: system.id,
        reviewState: 'ACCEPTED',
        reviewedAt: new Date(),
        createdById: ctx.userId,
      },
    });
    await prisma.evidenceVersion.create({
      data: {
        orgId: ctx.orgId,
        evidenceId: evidence.id,
        number: 1,
        uploadedById: ctx.userId,
        effectiveAt: new Date(),
        sha256: 'a'.repeat(64),
        automated: result,
      },
    });
    await prisma.evidenceControl.create({ data: { evidenceId: evidence.id, controlId: control.id, orgId: ctx.orgId } });

    const detail = await getEvidence(ctx, evidence.id);
    expect(detail.kind).toBe('AUTOMATED');
    expect(detail.versions[0]!.automated).toEqual(result);

    const { id } = await createSnapshot(ctx, { systemId: system.id });
    const content = (await getSnapshot(ctx, id)).content as SummaryContentV2;
    const frozen = content.evidenceVersions!.find((e) => e.id === evidence.id)!;
    expect(frozen.version.automated).toEqual({ tool: result.tool, scannedAt: result.scannedAt, checks: result.checks, failingTotal: 2 });
    const row = planPackage(content, undefined).rows.find((r) => r.control.id === control.id)!;
    expect(row.texts.find((t) => t.kind === 'AUTOMATED')!.text).toMatch(
      /^AWS Security Hub, scan of .* UTC: 9 passed, 2 failed, 1 not applicable, 0 suppressed; 2 failing resources$/,
    );
  });

  it('counts an acceptance again once its last day has passed, with no job', async () => {
    const { ctx, system, control } = await setup();
    expect((await rowOf(ctx, system, control.id, inDays(30))).state.failing).toBe(3);
    expect((await rowOf(ctx, system, control.id, inDays(31))).state.failing).toBe(4);
    const list = (await listControlCheckFailures(ctx, control.id, inDays(31))).get(system.id)!;
    expect(list.accepted).toEqual([]);
  });

  it('accepts a failure as a risk and revokes it, audited, against the version the form read', async () => {
    const { ctx, editor, system, control, failures } = await setup();
    const justification = 'Bucket b serves public downloads behind CloudFront';
    const accepted = await acceptRisk(editor, { failureId: failures.b.id, version: 0, justification, until: isoDay(inDays(60)) });
    expect(accepted.version).toBe(1);
    expect((await rowOf(ctx, system, control.id)).state.failing).toBe(2);
    const stored = await prisma.checkFailure.findUniqueOrThrow({ where: { id: failures.b.id } });
    expect(stored).toMatchObject({ riskJustification: justification, riskAcceptedById: editor.userId, riskAcceptedUntil: inDays(60) });
    // A second form opened on the old version is refused.
    await expect(acceptRisk(ctx, { failureId: failures.b.id, version: 0, justification, until: isoDay(inDays(90)) })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    // Accepting one of resource a's two failing checks leaves a failing: the other still counts.
    await acceptRisk(editor, { failureId: failures.a1.id, version: 0, justification, until: isoDay(inDays(10)) });
    expect((await rowOf(ctx, system, control.id)).state.failing).toBe(2);

    await revokeRiskAcceptance(editor, { failureId: failures.b.id, version: 1 });
    expect((await rowOf(ctx, system, control.id)).state.failing).toBe(3);
    expect(await prisma.checkFailure.findUniqueOrThrow({ where: { id: failures.b.id } })).toMatchObject({
      riskAcceptedUntil: null,
      riskJustification: '',
      version: 2,
    });
    await expect(revokeRiskAcceptance(editor, { failureId: failures.b.id, version: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });

    const events = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, entityType: 'CheckFailure', entityId: failures.b.id },
      orderBy: { seq: 'asc' },
      select: { action: true, actorId: true, after: true },
    });
    expect(events.map((e) => e.action)).toEqual(['checkFailure.riskAccepted', 'checkFailure.riskRevoked']);
    expect(events[0]!.after).toMatchObject({ riskJustification: justification, riskAcceptedUntil: isoDay(inDays(60)) });
  });

  it('refuses to accept a resolved or suppressed failure, and another organization’s', async () => {
    const { ctx, failures } = await setup();
    const input = { version: 0, justification: 'A justification long enough to read', until: isoDay(inDays(5)) };
    await expect(acceptRisk(ctx, { ...input, failureId: failures.d.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(acceptRisk(ctx, { ...input, failureId: failures.c.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const { ctx: outsider } = await createOrganization();
    await expect(acceptRisk(outsider, { ...input, failureId: failures.b.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeRiskAcceptance(outsider, { failureId: failures.e.id, version: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { ctx: viewer } = await createMember(ctx, 'VIEWER');
    await expect(acceptRisk(viewer, { ...input, failureId: failures.b.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('for an auditor limited to a period, counts the failures open at its end', async () => {
    const { ctx, system, control } = await setup();
    const { ctx: plain, membershipId } = await createMember(ctx, 'AUDITOR');
    // Every failure above was first seen on 2026-11-01; d was resolved on 2026-11-20.
    await setAuditPeriod(ctx, { membershipId, start: '2026-11-02', end: '2026-11-10' });
    const auditor = (await findOrgContext({ userId: plain.userId, sessionVersion: 0 }, ctx.orgSlug))!;
    expect((await rowOf(auditor, system, control.id)).state.failing).toBe(4);
    await setAuditPeriod(ctx, { membershipId, start: '2026-01-01', end: '2026-10-31' });
    const earlier = (await findOrgContext({ userId: plain.userId, sessionVersion: 0 }, ctx.orgSlug))!;
    expect((await rowOf(earlier, system, control.id)).state.failing).toBe(0);
  });
});
