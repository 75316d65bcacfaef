'use server';
import { runJobNow } from '@/lib/jobs/job-runs.data';
import { runJobNowSchema } from '@/lib/jobs/jobs.schema';
import { orgAction } from '@/lib/action';

/** "Run now" on the jobs page: the job at once, for this organization only. */
export const runJobNowAction = orgAction({ name: 'runJobNow', permission: 'jobs.manage', schema: runJobNowSchema }, runJobNow);
