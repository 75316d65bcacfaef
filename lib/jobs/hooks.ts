/**
 * Hooks other features fill in for the scheduled jobs (lib/jobs/registry.ts), so the job runner
 * does not depend on them. The overview registers its daily readiness recorder here:
 *
 *   registerDailyReadiness(recordDailyReadiness); // features/overview, `recordDailyReadiness(today: Date)`
 *
 * Until something is registered, the `readiness.daily` job runs and records that it had nothing to do.
 */
export type DailyReadinessRecorder = (today: Date) => Promise<unknown>;

let dailyReadiness: DailyReadinessRecorder | null = null;

export function registerDailyReadiness(recorder: DailyReadinessRecorder): void {
  dailyReadiness = recorder;
}

export function dailyReadinessRecorder(): DailyReadinessRecorder | null {
  return dailyReadiness;
}
