import 'server-only';
import type { z } from 'zod';
import { audited } from '@/features/audit/audit.data';
import { assertCan, type OrgContext } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { findJob, type JobCounts, type JobDefinition } from './registry';
import type { runJobNowSchema } from './jobs.schema';

/** An error's first line, short: a run's record names what failed, never data. */
function errorLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/**
 * Runs a job and records the run (what, when, result or error, counts). Throws the job's error
 * after recording it, so the queue retries with backoff.
 */
export async function runRecorded(
  job: JobDefinition,
  input: { now: Date; orgId: string | null; trigger: 'schedule' | 'manual'; attempt?: number },
): Promise<{ id: string; counts: JobCounts }> {
  const run = await prisma.jobRun.create({
    data: {
      name: job.name,
      orgId: input.orgId,
      trigger: input.trigger,
      attempt: input.attempt ?? 1,
      status: 'RUNNING',
      startedAt: new Date(),
    },
    select: { id: true },
  });
  try {
    const counts = await job.handler({ now: input.now, orgId: input.orgId });
    await prisma.jobRun.update({ where: { id: run.id }, data: { status: 'SUCCEEDED', finishedAt: new Date(), counts } });
    return { id: run.id, counts };
  } catch (error) {
    // A run over every organization is listed to every organization's admins: its record keeps the
    // kind of error only, and the server log has the rest.
    if (input.orgId === null) console.error(`[demarc] job ${job.name} failed: ${errorLine(error)}`);
    const recorded =
      input.orgId === null ? `${error instanceof Error ? error.name : 'Error'} (details in the server log)` : errorLine(error);
    await prisma.jobRun.update({ where: { id: run.id }, data: { status: 'FAILED', finishedAt: new Date(), error: recorded } });
    throw error;
  }
}

/**
 * "Run now" on the jobs page: the job, for the caller's organization only, at once. The start is
 * audited; the run's record says how it went.
 */
export async function runJobNow(ctx: OrgContext, input: z.output<typeof runJobNowSchema>) {
  assertCan(ctx, 'jobs.manage');
  const job = findJob(input.name);
  if (!job?.perOrg) throw new AppError('NOT_FOUND', 'There is no such job to run for one organization.');
  await audited(ctx, async (_tx, record) => {
    record({ action: 'job.run_requested', entityType: 'Job', entityId: null, after: { name: job.name } });
  });
  try {
    const { id, counts } = await runRecorded(job, { now: new Date(), orgId: ctx.orgId, trigger: 'manual' });
    return { id, counts };
  } catch {
    throw new AppError('VALIDATION', `The job ${job.name} failed; its run below says why.`);
  }
}

/**
 * The jobs page: this organization's own runs and the scheduled runs over every organization,
 * whose records hold counts only. Newest first.
 */
export async function listJobRuns(ctx: OrgContext, take = 50) {
  assertCan(ctx, 'jobs.manage');
  return prisma.jobRun.findMany({
    where: { OR: [{ orgId: ctx.orgId }, { orgId: null }] },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      name: true,
      orgId: true,
      trigger: true,
      attempt: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      counts: true,
      error: true,
    },
  });
}
