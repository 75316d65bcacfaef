// An auditor limited to an audit period sees only that period, in every read and write they make:
// evidence pages, reviews, comments, downloads, freshness figures, summaries, snapshots and the audit log.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { findOrgContext } from '@/features/auth/auth.data';
import { listAuditEvents } from '@/features/audit/audit.data';
import { listControls } from '@/features/controls/controls.data';
import { parseRegisterFilters } from '@/features/controls/register.policy';
import { setAuditPeriod } from '@/features/members/members.data';
import { saveImplementation } from '@/features/owners/owners.data';
import { createSnapshot, getSummary } from '@/features/summaries/summaries.data';
import { addCommentAction, reviewEvidenceAction } from './evidence.actions';
import { prisma } from '@/lib/db';
import {
  addComment,
  addLinkVersion,
  createLinkEvidence,
  getEvidence,
  listEvidence,
  loadEvidenceDates,
  openVersionDownload,
  reviewEvidence,
  storeFileUpload,
  submitEvidence,
} from './evidence.data';
import { createMember, createOrganization, createTestControl, createTestSystem } from '@/test/factories';
import { callAction, sessionOf } from '@/test/requests';
import type { OrgContext } from '@/lib/auth/permissions';

const today = new Date().toISOString().slice(0, 10);
// The audit period lies in the past; "outside" evidence is true today, after the period.
const PERIOD = { start: '2020-01-01', end: '2020-12-31' };
const provenance = (effectiveAt: string) => ({ effectiveAt, source: 'AWS Config export', periodStart: '', periodEnd: '', notes: '' });

async function setup() {
  const { ctx: owner } = await createOrganization();
  const { ctx: editor } = await createMember(owner, 'EDITOR');
  const { ctx: plainAuditor, membershipId } = await createMember(owner, 'AUDITOR');
  const system = await createTestSystem(owner, ['ec2']);
  const control = await createTestControl(owner, { defaultType: 'CUSTOMER', cadence: 'ANNUAL' });
  await saveImplementation(owner, {
    controlId: control.id,
    systemId: system.id,
    version: 0,
    status: 'IMPLEMENTED',
    narrative: '',
    justification: '',
    ownerId: editor.userId,
    nextReviewAt: '',
  } as never);
  await setAuditPeriod(owner, { membershipId, ...PERIOD });
  const auditor = (await findOrgContext({ userId: plainAuditor.userId, sessionVersion: 0 }, owner.orgSlug))!;
  expect(auditor.auditPeriod).toBeDefined();
  return { owner, editor, auditor, system, control };
}

/** A link, submitted and accepted by the owner, true on the given day. */
async function acceptedLink(owner: OrgContext, editor: OrgContext, controlId: string, effectiveAt: string, title: string) {
  const { id } = await createLinkEvidence(editor, {
    title,
    description: '',
    systemId: '',
    controlIds: [controlId],
    url: `https://example.test/${encodeURIComponent(title)}`,
    ...provenance(effectiveAt),
  });
  await submitEvidence(editor, { evidenceId: id, version: 1 });
  await reviewEvidence(owner, { evidenceId: id, version: 2, decision: 'ACCEPTED', reason: '' });
  return id;
}

describe('a period-limited auditor', () => {
  it('cannot review, comment on or download evidence outside the period (NOT_FOUND), through the data functions and the actions', async () => {
    const { editor, auditor, control } = await setup();
    const outside = await createLinkEvidence(editor, {
      title: 'Outside',
      description: '',
      systemId: '',
      controlIds: [control.id],
      url: 'https://example.test/outside',
      ...provenance(today),
    });
    await submitEvidence(editor, { evidenceId: outside.id, version: 1 });
    const file = await storeFileUpload(
      editor,
      {
        ...provenance(today),
        fileName: 'outside.pdf',
        evidence: { title: 'Outside file', description: '', systemId: '', controlIds: [control.id] },
      },
      Readable.from([Buffer.from('%PDF-1.7\n% outside\n%%EOF\n')]),
    );

    await expect(reviewEvidence(auditor, { evidenceId: outside.id, version: 2, decision: 'ACCEPTED', reason: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(addComment(auditor, { evidenceId: outside.id, body: 'Looks fine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openVersionDownload(auditor, file.evidenceId, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getEvidence(auditor, outside.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const session = sessionOf(auditor);
    const review = await callAction(reviewEvidenceAction, session, auditor.orgSlug, {
      evidenceId: outside.id,
      version: 2,
      decision: 'ACCEPTED',
      reason: '',
    });
    expect(review).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const comment = await callAction(
      addCommentAction,
      session,
      auditor.orgSlug,
      { evidenceId: outside.id, body: 'Hm' },
      { requestId: crypto.randomUUID() },
    );
    expect(comment).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await getEvidence(editor, outside.id)).comments).toEqual([]);
    expect((await getEvidence(editor, outside.id)).reviewState).toBe('SUBMITTED');
  });

  it('cannot review an item whose version under review is outside the period, though an older one is inside', async () => {
    const { owner, editor, auditor, control } = await setup();
    const id = await acceptedLink(owner, editor, control.id, '2020-06-01', 'Mixed');
    // A new version true today (outside the period), submitted for review.
    await addLinkVersion(editor, { evidenceId: id, url: 'https://example.test/new', ...provenance(today) });
    const item = await getEvidence(editor, id);
    await submitEvidence(editor, { evidenceId: id, version: item.version });
    expect((await getEvidence(auditor, id)).versions.map((v) => v.number)).toEqual([1]);
    await expect(
      reviewEvidence(auditor, { evidenceId: id, version: item.version + 1, decision: 'ACCEPTED', reason: '' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('gets freshness, summaries and snapshots computed from the period alone', async () => {
    const { owner, editor, auditor, system, control } = await setup();
    await acceptedLink(owner, editor, control.id, '2020-06-01', 'Inside');
    const outsideId = await acceptedLink(owner, editor, control.id, today, 'Outside');

    // The one place freshness comes from: the owner's latest date is today's, the auditor's the period's.
    const ownerDates = (await loadEvidenceDates(owner, [system.id], [control.id])).get(system.id)!.get(control.id)!;
    const auditorDates = (await loadEvidenceDates(auditor, [system.id], [control.id])).get(system.id)!.get(control.id)!;
    expect(ownerDates.latestEffectiveAt?.toISOString().slice(0, 10)).toBe(today);
    expect(auditorDates.latestEffectiveAt?.toISOString().slice(0, 10)).toBe('2020-06-01');

    // Every figure follows: the register, the live summary, and a snapshot the auditor freezes.
    const row = async (ctx: OrgContext) =>
      (await listControls(ctx, parseRegisterFilters({ system: system.id }))).rows.find((r) => r.id === control.id)!;
    expect((await row(owner)).freshness.overall).toBe('CURRENT');
    expect((await row(auditor)).freshness.overall).toBe('EXPIRED');
    expect((await getSummary(owner, system.id)).evidence).toMatchObject({ current: 1, expired: 0 });
    expect((await getSummary(auditor, system.id)).evidence).toMatchObject({ current: 0, expired: 1 });

    const snapshot = await createSnapshot(auditor, { systemId: system.id, frameworkId: '' });
    const frozen = (await prisma.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } })).content as {
      evidence: { current: number };
      evidenceVersions: { id: string; title: string }[];
    };
    expect(frozen.evidence.current).toBe(0);
    expect(frozen.evidenceVersions.map((e) => e.title)).toEqual(['Inside']);
    expect(frozen.evidenceVersions.map((e) => e.id)).not.toContain(outsideId);
    expect((await listEvidence(auditor, { page: 1 })).items.map((e) => e.title)).toEqual(['Inside']);
  });

  it('reads nothing in the audit log about evidence outside the period: neither its events nor its hidden versions', async () => {
    const { owner, editor, auditor, control } = await setup();
    const insideId = await acceptedLink(owner, editor, control.id, '2020-06-01', 'Inside');
    const outsideId = await acceptedLink(owner, editor, control.id, today, 'Secret outside');
    await addComment(owner, { evidenceId: outsideId, body: 'Notes about the secret' });
    // A later version of the visible item, true outside the period: its URL is hidden content.
    await addLinkVersion(editor, { evidenceId: insideId, url: 'https://example.test/hidden-version', ...provenance(today) });

    const all = async (ctx: OrgContext) => {
      const events = [];
      let page = await listAuditEvents(ctx);
      events.push(...page.events);
      while (page.older !== null) {
        page = await listAuditEvents(ctx, { before: page.older });
        events.push(...page.events);
      }
      return { events, total: page.total };
    };
    const seenByOwner = await all(owner);
    const seenByAuditor = await all(auditor);
    const text = (events: unknown[]) => JSON.stringify(events);
    expect(text(seenByOwner.events)).toContain('Secret outside');
    expect(text(seenByOwner.events)).toContain('hidden-version');
    expect(text(seenByAuditor.events)).not.toContain('Secret outside');
    expect(text(seenByAuditor.events)).not.toContain('Notes about the secret');
    expect(text(seenByAuditor.events)).not.toContain('hidden-version');
    expect(seenByAuditor.events.some((e) => e.entityId === outsideId)).toBe(false);
    // The visible item's own events stay, and the total counts what the auditor may see.
    expect(seenByAuditor.events.some((e) => e.entityId === insideId && e.action === 'evidence.created')).toBe(true);
    expect(seenByAuditor.total).toBe(seenByAuditor.events.length);
    expect(seenByOwner.total).toBeGreaterThan(seenByAuditor.total);
  });
});
