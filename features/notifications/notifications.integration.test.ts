import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addNoteVersion, createNoteEvidence, reviewEvidence, submitEvidence } from '@/features/evidence/evidence.data';
import { saveImplementation } from '@/features/owners/owners.data';
import { prisma } from '@/lib/db';
import { acceptEvidence, createOrganization, createOwnedControl } from '@/test/factories';
import { startTestSmtp, type TestSmtp } from '@/test/smtp';
import { deliverPendingEmails, sendWeeklyDigests } from './delivery.data';
import { listNotifications, markAllNotificationsRead, markNotificationRead, savePreferences, unsubscribe } from './notifications.data';
import { unsubscribeToken } from './notifications.policy';
import { runDailyReminders, runReviewQueueDigest } from './reminders.data';
import { POST as unsubscribeRoute } from '@/app/unsubscribe/one-click/route';
import { inviteMemberAction } from '@/features/invitations/invitations.actions';
import { callAction, sessionOf } from '@/test/requests';

const SECRET = 'test-secret-for-unsubscribe-links';
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = 'Demarc <demarc@example.test>';
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = 'http://demarc.example.test';
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(() => {
  smtp.messages.length = 0;
});

const day = (iso: string) => new Date(`${iso}T09:00:00Z`);
const provenance = (effectiveAt: string) => ({ effectiveAt, source: 'export', periodStart: '', periodEnd: '', notes: '' });

const keysOf = async (userId: string, kind: string) =>
  (await prisma.notification.findMany({ where: { userId, kind }, orderBy: { createdAt: 'asc' }, select: { dedupeKey: true } })).map(
    (n) => n.dedupeKey.split(':')[3],
  );

describe('evidence expiry reminders', () => {
  it('fire once at each threshold (30, 7, 0 days, expired), not again on the next run, and again after a new version', async () => {
    // Monthly evidence true on 1 October is valid through 1 November.
    const { ctx, editor, auditor, control, system, evidenceId } = await createOwnedControl('2026-10-01');
    const run = async (iso: string) => {
      await runDailyReminders(day(iso), ctx.orgId);
      await deliverPendingEmails(ctx.orgId);
      return keysOf(editor.userId, 'evidence_expiry');
    };
    expect(await run('2026-10-01')).toEqual([]); // 31 days left
    expect(await run('2026-10-02')).toEqual(['30']);
    expect(await run('2026-10-03')).toEqual(['30']); // the next run tells nothing new
    expect(await run('2026-10-24')).toEqual(['30']); // 8 days left
    expect(await run('2026-10-25')).toEqual(['30', '7']);
    expect(await run('2026-10-26')).toEqual(['30', '7']);
    expect(await run('2026-11-01')).toEqual(['30', '7', '0']);
    expect(await run('2026-11-02')).toEqual(['30', '7', '0', 'expired']);
    expect(await run('2026-11-03')).toEqual(['30', '7', '0', 'expired']);

    // A new version, true on 5 November, is valid through 5 December: the cycle restarts.
    await addNoteVersion(editor, { evidenceId, note: 'Patched again.', ...provenance('2026-11-05') });
    await acceptEvidence(editor, auditor, evidenceId);
    expect(await run('2026-11-05')).toEqual(['30', '7', '0', 'expired', '30']);
    expect(await run('2026-11-06')).toEqual(['30', '7', '0', 'expired', '30']);

    // Each was e-mailed once (beside the assignment), with the control's own page as the link.
    const mails = await smtp.waitFor(6);
    expect(smtp.messages.filter((m) => m.subject?.includes('Evidence for'))).toHaveLength(5);
    const first = smtp.messages.find((m) => m.subject?.includes('within 30 days'))!;
    expect(first.text).toContain(`http://demarc.example.test/${ctx.orgSlug}/controls/${control.id}?system=${system.id}`);
    expect(first.html).toContain(`href="http://demarc.example.test/${ctx.orgSlug}/controls/${control.id}?system=${system.id}"`);
    const header = (key: string) => first.headerLines.find((h) => h.key === key)?.line;
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toContain('<http://demarc.example.test/unsubscribe/one-click?token=');
    expect(mails.every((m) => (m.to && 'text' in m.to ? m.to.text : '').includes('@'))).toBe(true);
  });

  it('tells the owner once when the next review date is reached', async () => {
    const { ctx, editor, control, system } = await createOwnedControl('2026-10-01');
    const impl = await prisma.controlImplementation.findFirstOrThrow({ where: { controlId: control.id, systemId: system.id } });
    await saveImplementation(ctx, {
      controlId: control.id,
      systemId: system.id,
      version: impl.version,
      status: 'IMPLEMENTED',
      narrative: '',
      justification: '',
      ownerId: editor.userId,
      nextReviewAt: '2026-10-20',
    });
    await runDailyReminders(day('2026-10-19'), ctx.orgId);
    expect(await prisma.notification.count({ where: { userId: editor.userId, kind: 'review_due' } })).toBe(0);
    await runDailyReminders(day('2026-10-20'), ctx.orgId);
    await runDailyReminders(day('2026-10-21'), ctx.orgId);
    expect(await prisma.notification.count({ where: { userId: editor.userId, kind: 'review_due' } })).toBe(1);
  });
});

describe('event-driven notifications', () => {
  it('tells an owner a control was assigned to them and an uploader why their evidence was rejected', async () => {
    const { ctx, editor, auditor, control } = await createOwnedControl('2026-10-01');
    const assigned = await listNotifications(editor);
    expect(assigned.items.map((n) => n.title)).toEqual([expect.stringContaining(`${control.code} in`)]);
    const note = await createNoteEvidence(editor, {
      ...provenance('2026-10-02'),
      title: 'Training <b>attestation</b>',
      description: '',
      systemId: '',
      controlIds: [control.id],
      note: 'Done.',
    });
    await submitEvidence(editor, { evidenceId: note.id, version: 1 });
    await reviewEvidence(auditor, { evidenceId: note.id, version: 2, decision: 'REJECTED', reason: 'Missing the LMS export.' });
    const rejected = await prisma.notification.findFirstOrThrow({ where: { userId: editor.userId, kind: 'evidence_rejected' } });
    expect(rejected).toMatchObject({ body: 'Reason: Missing the LMS export.', link: `/${ctx.orgSlug}/evidence/${note.id}` });
    await deliverPendingEmails(ctx.orgId);
    const mail = (await smtp.waitFor(2)).find((m) => m.subject?.includes('Evidence rejected'))!;
    // HTML bodies escape what members typed.
    expect(mail.html).toContain('Training &lt;b&gt;attestation&lt;/b&gt;');
    expect(mail.text).toContain('Missing the LMS export.');
    // The owner who assigned the control is not told about their own change.
    expect(await prisma.notification.count({ where: { userId: ctx.userId } })).toBe(0);
  });

  it('marks one or all read, only the caller’s own', async () => {
    const { editor, auditor, ctx } = await createOwnedControl('2026-10-01');
    await runDailyReminders(day('2026-11-02'), ctx.orgId);
    const list = await listNotifications(editor);
    expect(list.unread).toBe(2);
    expect(await markNotificationRead(auditor, { id: list.items[0]!.id })).toEqual({ marked: 0 });
    expect(await markNotificationRead(editor, { id: list.items[0]!.id })).toEqual({ marked: 1 });
    expect((await listNotifications(editor)).unread).toBe(1);
    expect(await markAllNotificationsRead(editor)).toEqual({ marked: 1 });
    expect((await listNotifications(editor)).unread).toBe(0);
    expect(await markAllNotificationsRead(editor)).toEqual({ marked: 0 });
    // Each change is audited under its member; a try that changed nothing (another's, already read) writes nothing.
    const events = await prisma.auditEvent.findMany({
      where: { chain: ctx.orgId, action: { startsWith: 'notifications.' } },
      orderBy: { seq: 'asc' },
      select: { action: true, actorId: true, after: true },
    });
    expect(events).toEqual([
      { action: 'notifications.read', actorId: editor.userId, after: { marked: 1 } },
      { action: 'notifications.all_read', actorId: editor.userId, after: { marked: 1 } },
    ]);
  });
});

describe('preferences, digests and unsubscribe', () => {
  it('holds weekly kinds for one digest that groups them, and tells nothing of a kind turned off', async () => {
    const { ctx, editor, evidenceId, auditor } = await createOwnedControl('2026-10-01');
    await savePreferences(
      { userId: editor.userId, sessionVersion: 0 },
      {
        preferences: [
          { kind: 'evidence_expiry', delivery: 'WEEKLY', version: 0 },
          { kind: 'evidence_rejected', delivery: 'WEEKLY', version: 0 },
          { kind: 'review_due', delivery: 'OFF', version: 0 },
        ],
      },
    );
    await runDailyReminders(day('2026-10-02'), ctx.orgId);
    await addNoteVersion(editor, { evidenceId, note: 'v2', ...provenance('2026-10-03') });
    const version = (await prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).version;
    await submitEvidence(editor, { evidenceId, version });
    await reviewEvidence(auditor, { evidenceId, version: version + 1, decision: 'REJECTED', reason: 'Wrong month.' });
    await deliverPendingEmails(ctx.orgId);
    // In the app at once; no e-mail yet (the assignment, told at once, was the only one).
    expect((await listNotifications(editor)).total).toBe(3);
    expect(smtp.messages.filter((m) => m.subject?.includes('Evidence'))).toHaveLength(0);

    expect(await sendWeeklyDigests(day('2026-10-05'), ctx.orgId)).toEqual({ digests: 1, items: 2 });
    expect(await sendWeeklyDigests(day('2026-10-05'), ctx.orgId)).toEqual({ digests: 0, items: 0 });
    const digest = (await smtp.waitFor(1)).find((m) => m.subject?.includes('weekly digest'))!;
    expect(digest.subject).toContain('2 notifications');
    expect(digest.text).toContain('Evidence of my controls expiring');
    expect(digest.text).toContain('My evidence rejected by a reviewer');
    expect(digest.text).toContain('Wrong month.');
  });

  it('unsubscribes one kind with the signed link, without signing in, and refuses a forged one', async () => {
    const { ctx, editor } = await createOwnedControl('2026-10-01');
    const token = unsubscribeToken(editor.userId, 'evidence_expiry', SECRET);
    const post = (t: string, body = 'List-Unsubscribe=One-Click') =>
      unsubscribeRoute(
        new Request(`http://demarc.example.test/unsubscribe/one-click?token=${encodeURIComponent(t)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      );
    expect((await post(`${token.slice(0, -2)}xx`)).status).toBe(400);
    expect((await post(unsubscribeToken(editor.userId, 'evidence_expiry', 'another secret'))).status).toBe(400);
    expect((await post(token)).status).toBe(200);
    const prefs = await prisma.notificationPreference.findMany({ where: { userId: editor.userId } });
    expect(prefs.map((p) => [p.kind, p.delivery])).toEqual([['evidence_expiry', 'OFF']]);
    await runDailyReminders(day('2026-11-02'), ctx.orgId);
    expect(await prisma.notification.count({ where: { userId: editor.userId, kind: 'evidence_expiry' } })).toBe(0);
    expect(await unsubscribe('not-a-token')).toBeNull();
  });

  it('sends reviewers one review-queue digest a week', async () => {
    const { ctx, editor, auditor, control } = await createOwnedControl('2026-10-01');
    const note = await createNoteEvidence(editor, {
      ...provenance('2026-10-02'),
      title: 'Waiting',
      description: '',
      systemId: '',
      controlIds: [control.id],
      note: 'x',
    });
    await submitEvidence(editor, { evidenceId: note.id, version: 1 });
    await runReviewQueueDigest(day('2026-10-05'), ctx.orgId);
    await runReviewQueueDigest(day('2026-10-07'), ctx.orgId);
    const queue = await prisma.notification.findMany({
      where: { orgId: ctx.orgId, kind: 'review_queue' },
      select: { userId: true, title: true },
    });
    expect(queue.map((q) => q.userId).sort()).toEqual([ctx.userId, auditor.userId].sort());
    expect(queue[0]!.title).toBe('Review queue: 1 evidence item waiting for a decision');
  });
});

describe('no cross-organization content', () => {
  it('never names another organization’s controls in a message, even to a member of both', async () => {
    const a = await createOwnedControl('2026-10-01', 'Alpha-only encryption keys');
    const b = await createOwnedControl('2026-10-01', 'Bravo-only backup vault');
    // The owner of A's control also owns a control in B.
    await prisma.membership.create({ data: { orgId: b.ctx.orgId, userId: a.editor.userId, role: 'EDITOR' } });
    await saveImplementation(b.ctx, {
      controlId: b.control.id,
      systemId: b.system.id,
      version: 1,
      status: 'IMPLEMENTED',
      narrative: '',
      justification: '',
      ownerId: a.editor.userId,
      nextReviewAt: '',
    });
    await savePreferences(
      { userId: a.editor.userId, sessionVersion: 0 },
      { preferences: [{ kind: 'control_assigned', delivery: 'WEEKLY', version: 0 }] },
    );
    await runDailyReminders(day('2026-11-02'));
    await deliverPendingEmails();
    await sendWeeklyDigests(day('2026-11-02'));
    const mine = smtp.messages.filter((m) => m.to && 'text' in m.to && m.to.text.includes(a.email));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const orgName = async (orgId: string) => (await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).name;
    const names = { a: await orgName(a.ctx.orgId), b: await orgName(b.ctx.orgId) };
    let fromA = 0;
    let fromB = 0;
    for (const mail of mine) {
      const content = `${mail.subject}\n${mail.text}\n${mail.html}`;
      const isA = content.includes(a.control.code);
      const isB = content.includes(b.control.code);
      expect(isA !== isB, mail.subject).toBe(true);
      if (isA) {
        fromA++;
        expect(content).not.toContain('Bravo-only');
        expect(content).not.toContain(names.b);
        expect(content).not.toContain(b.ctx.orgSlug);
      } else {
        fromB++;
        expect(content).not.toContain('Alpha-only');
        expect(content).not.toContain(names.a);
        expect(content).not.toContain(a.ctx.orgSlug);
      }
    }
    expect(fromA).toBeGreaterThan(0);
    expect(fromB).toBeGreaterThan(0);
  });
});

describe('invitations by e-mail', () => {
  it('e-mails the invitation link when SMTP is set, and still returns it once to the admin', async () => {
    const { ctx } = await createOrganization();
    const result = await callAction(inviteMemberAction, sessionOf(ctx), ctx.orgSlug, { email: 'new.person@example.test', role: 'VIEWER' });
    expect(result).toMatchObject({ ok: true, data: { emailed: true } });
    const path = (result as { data: { path: string } }).data.path;
    const mail = (await smtp.waitFor(1)).find((m) => m.subject?.includes('You are invited'))!;
    expect(mail.text).toContain(`http://demarc.example.test${path}`);
    expect(mail.html).toContain(`href="http://demarc.example.test${path}"`);
  });
});
