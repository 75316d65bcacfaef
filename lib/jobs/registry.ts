import 'server-only';
import { deliverPendingEmails, sendWeeklyDigests } from '@/features/notifications/delivery.data';
import { runDailyReminders, runReviewQueueDigest } from '@/features/notifications/reminders.data';
import { recordDailyReadiness } from '@/features/overview/readiness.data';

/** What a job did, as counts only: job history is shown to every organization's admins. */
export type JobCounts = Record<string, number>;

export type JobDefinition = {
  name: string;
  /** Cron in UTC; null: run on demand only. */
  cron: string | null;
  /** In words, for the jobs page and the README. */
  schedule: string;
  description: string;
  /** Retries after a failure, with exponential backoff from retryDelay seconds. */
  retryLimit: number;
  retryDelay: number;
  /** An admin may run it now for their own organization (the handler then touches only that one). */
  perOrg: boolean;
  handler: (input: { now: Date; orgId: string | null }) => Promise<JobCounts>;
};

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'reminders.daily',
    cron: '0 6 * * *',
    schedule: 'Every day at 06:00 UTC',
    description:
      'Tells owners about evidence expiring in 30, 7 and 0 days or expired, next review dates reached and failing automated checks; then sends the e-mails that are due.',
    retryLimit: 3,
    retryDelay: 60,
    perOrg: true,
    handler: async ({ now, orgId }) => {
      const reminders = await runDailyReminders(now, orgId);
      const mail = await deliverPendingEmails(orgId);
      return { ...reminders, emailsSent: mail.sent, emailsFailed: mail.failed };
    },
  },
  {
    name: 'notifications.deliver',
    cron: '* * * * *',
    schedule: 'Every minute',
    description: 'Sends the e-mails of notifications told at once (a control assigned, evidence rejected) that are not sent yet.',
    retryLimit: 2,
    retryDelay: 30,
    perOrg: true,
    handler: async ({ orgId }) => {
      const mail = await deliverPendingEmails(orgId);
      return { emailsSent: mail.sent, emailsFailed: mail.failed };
    },
  },
  {
    name: 'digests.weekly',
    cron: '0 7 * * 1',
    schedule: 'Every Monday at 07:00 UTC',
    description:
      "Tells reviewers (owners, admins, auditors) how many evidence items wait for review, and sends each person's weekly digest of what they chose to get weekly.",
    retryLimit: 3,
    retryDelay: 120,
    perOrg: true,
    handler: async ({ now, orgId }) => {
      const queue = await runReviewQueueDigest(now, orgId);
      const mail = await deliverPendingEmails(orgId);
      const digests = await sendWeeklyDigests(now, orgId);
      return { reviewQueueNotifications: queue.notifications, emailsSent: mail.sent + digests.digests, digestItems: digests.items };
    },
  },
  {
    name: 'readiness.daily',
    cron: '30 0 * * *',
    schedule: 'Every day at 00:30 UTC',
    description: "Records each day's readiness figures for the overview's trend.",
    retryLimit: 3,
    retryDelay: 300,
    perOrg: false,
    handler: ({ now }) => recordDailyReadiness(now),
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name);
}
