import 'server-only';
import PgBoss from 'pg-boss';
import { runRecorded } from './job-runs.data';
import { JOBS } from './registry';

export type JobRunner = {
  /** Queues a run of a job for a slot (e.g. a day): the same job and slot queued twice, on any instance, runs once. */
  enqueue: (name: string, slot: string, now?: Date) => Promise<string | null>;
  stop: () => Promise<void>;
};

type JobData = { now?: string };

/**
 * Creates a job's queue (idempotent: pg-boss inserts it ON CONFLICT DO NOTHING). Two instances
 * booting at once may deadlock attaching their queues' partitions: PostgreSQL aborts one, which tries again.
 */
async function createQueue(boss: PgBoss, name: string, retry: PgBoss.RetryOptions) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(name, { name, ...retry });
    } catch (error) {
      const deadlock = (error as { code?: string }).code === '40P01';
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/**
 * The background job runner: pg-boss on the app's PostgreSQL (its own `pgboss` schema), no other
 * server. Every instance may run one: pg-boss sends each cron slot once (a singleton per minute),
 * and a queued job is fetched by one worker only (SKIP LOCKED). A failed run is retried with
 * exponential backoff (each job's retryLimit and retryDelay), and every attempt is recorded in JobRun.
 */
export async function startJobRunner(options: {
  connectionString: string;
  /** Keep the cron schedules (false: work queued jobs only). */
  schedule?: boolean;
  pollingIntervalSeconds?: number;
}): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: 'pgboss',
    application_name: 'demarc-jobs',
    schedule: options.schedule ?? true,
  });
  boss.on('error', (error: Error) => console.error(`[demarc] job runner: ${error.message}`));
  await boss.start();
  for (const job of JOBS) {
    const retry = { retryLimit: job.retryLimit, retryDelay: job.retryDelay, retryBackoff: true };
    await createQueue(boss, job.name, retry);
    if ((options.schedule ?? true) && job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC', ...retry });
    await boss.work<JobData>(
      job.name,
      { includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([queued]) => {
        const now = queued!.data?.now ? new Date(queued!.data.now) : new Date();
        await runRecorded(job, { now, orgId: null, trigger: 'schedule', attempt: queued!.retryCount + 1 });
      },
    );
  }
  return {
    enqueue: (name, slot, now) =>
      boss.send(name, now ? { now: now.toISOString() } : {}, { singletonKey: `${name}:${slot}`, singletonSeconds: 43_200 }),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 30_000 }),
  };
}
