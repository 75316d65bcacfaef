import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db';
import { createMember, createOrganization, createOwnedControl, createTestSystem } from '@/test/factories';
import { startTestSmtp, type TestSmtp } from '@/test/smtp';
import { listJobRuns, runJobNow, runRecorded } from './job-runs.data';
import { findJob } from './registry';
import { startJobRunner } from './runner';

let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_SECRET = 'jobs-test-secret';
  process.env.NEXTAUTH_URL = 'http://demarc.example.test';
});
afterAll(async () => {
  await smtp.stop();
});

/** An editor owning a monthly control whose evidence expired on 1 November 2026 (true on 1 October). */
const expiredControl = () => createOwnedControl('2026-10-01');

const mailsTo = (email: string) => smtp.messages.filter((m) => m.to && 'text' in m.to && m.to.text.includes(email));

describe('the job runner', () => {
  it('runs a job queued on two instances at once exactly once, and sends each e-mail once', async () => {
    const { email } = await expiredControl();
    const url = process.env.DATABASE_URL!;
    const [one, two] = await Promise.all([
      startJobRunner({ connectionString: url, schedule: false, pollingIntervalSeconds: 0.5 }),
      startJobRunner({ connectionString: url, schedule: false, pollingIntervalSeconds: 0.5 }),
    ]);
    try {
      const now = new Date('2026-11-02T06:00:00Z');
      const ids = await Promise.all([one.enqueue('reminders.daily', '2026-11-02', now), two.enqueue('reminders.daily', '2026-11-02', now)]);
      expect(ids.filter(Boolean)).toHaveLength(1);
      const deadline = Date.now() + 45_000;
      while (!(await prisma.jobRun.findFirst({ where: { name: 'reminders.daily', status: 'SUCCEEDED' } }))) {
        if (Date.now() > deadline) throw new Error('The queued job never ran.');
        await new Promise((r) => setTimeout(r, 200));
      }
      // Both instances also run the reminders themselves at the same moment: the dedupe keys and the
      // claimed e-mails let each thing be told and sent once.
      const job = findJob('reminders.daily')!;
      await Promise.all([
        runRecorded(job, { now, orgId: null, trigger: 'schedule' }),
        runRecorded(job, { now, orgId: null, trigger: 'schedule' }),
      ]);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    // The assignment, and "expired" once.
    await smtp.waitFor(2);
    expect(mailsTo(email).map((m) => m.subject)).toEqual([
      expect.stringContaining('is now yours'),
      expect.stringContaining('expired on 2026-11-01'),
    ]);
    expect(await prisma.jobRun.count({ where: { name: 'reminders.daily', trigger: 'schedule' } })).toBe(3);
  }, 120_000);

  it('records a failed run with its error, and retries come back as new attempts', async () => {
    const readiness = findJob('readiness.daily')!;
    const failing = {
      ...readiness,
      handler: async () => {
        throw new Error('figures unavailable');
      },
    };
    await expect(runRecorded(failing, { now: new Date(), orgId: null, trigger: 'schedule', attempt: 2 })).rejects.toThrow(
      'figures unavailable',
    );
    const run = await prisma.jobRun.findFirstOrThrow({ where: { name: 'readiness.daily' } });
    // A run over all organizations keeps the kind of error only: its record is shown to every admin.
    expect(run).toMatchObject({ status: 'FAILED', attempt: 2, error: 'Error (details in the server log)' });
    // The real job records the overview's figures of the day for every organization.
    const { ctx } = await createOrganization();
    await createTestSystem(ctx, ['ec2']);
    const today = new Date('2026-11-03T00:30:00Z');
    const { counts } = await runRecorded(readiness, { now: today, orgId: null, trigger: 'schedule' });
    expect(counts.organizations).toBeGreaterThanOrEqual(1);
    expect(
      await prisma.readinessDaily.count({ where: { orgId: ctx.orgId, day: new Date('2026-11-03T00:00:00Z'), frameworkId: null } }),
    ).toBe(1);
  });
});

describe('run now and the job history', () => {
  it('runs a job for the caller’s organization only, for owners and admins, and shows no other organization’s runs', async () => {
    const a = await expiredControl();
    const b = await expiredControl();
    const { counts } = await runJobNow(a.ctx, { name: 'reminders.daily' });
    expect(counts).toMatchObject({ organizations: 1 });
    expect(await prisma.notification.count({ where: { orgId: b.ctx.orgId, kind: 'evidence_expiry' } })).toBe(0);
    const { ctx: admin } = await createMember(a.ctx, 'ADMIN');
    expect((await listJobRuns(admin)).filter((r) => r.orgId === a.ctx.orgId)).toHaveLength(1);
    expect((await listJobRuns(b.ctx)).filter((r) => r.orgId !== null)).toEqual([]);
    await expect(runJobNow(a.editor, { name: 'reminders.daily' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listJobRuns(a.editor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runJobNow(a.ctx, { name: 'readiness.daily' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await prisma.auditEvent.findFirst({ where: { chain: a.ctx.orgId, action: 'job.run_requested' } });
    expect(audit?.after).toEqual({ name: 'reminders.daily' });
  });
});
