import type { EvidenceCadence, ResponsibilityType } from '@/lib/generated/prisma/enums.ts';

/** Derived, never stored: how fresh the proof of a control (or one half of it) is today. */
export type Freshness = 'MISSING' | 'CURRENT' | 'EXPIRING' | 'EXPIRED';

export const FRESHNESS_LABELS: Record<Freshness, string> = {
  MISSING: 'Missing',
  CURRENT: 'Current',
  EXPIRING: 'Expiring soon',
  EXPIRED: 'Expired',
};

export type FreshnessConfig = {
  /** "Expiring soon" this many days before the end of validity. */
  expiringWindowDays: number;
  /** A provider report covers its controls until its period ends plus this grace (the bridge-letter window). */
  reportGraceDays: number;
};

export const DEFAULT_FRESHNESS_CONFIG: FreshnessConfig = { expiringWindowDays: 30, reportGraceDays: 90 };

const CADENCE_MONTHS: Record<EvidenceCadence, number> = { MONTHLY: 1, QUARTERLY: 3, SEMI_ANNUAL: 6, ANNUAL: 12 };

const DAY = 86_400_000;
/** Midnight UTC of a date: all validity arithmetic is in whole UTC days. */
const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/** Customer evidence effective on a date stays valid for one cadence period (end-of-month clamped). */
export function evidenceValidUntil(effectiveAt: Date, cadence: EvidenceCadence): Date {
  const months = CADENCE_MONTHS[cadence];
  const y = effectiveAt.getUTCFullYear();
  const m = effectiveAt.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(effectiveAt.getUTCDate(), lastDay)));
}

export function reportValidUntil(periodEnd: Date, config: FreshnessConfig): Date {
  return new Date(utcDay(periodEnd) + config.reportGraceDays * DAY);
}

/** Valid through `validUntil` itself; expired from the next day; expiring within the window before it. */
export function freshnessOn(validUntil: Date | null, today: Date, config: FreshnessConfig): Freshness {
  if (!validUntil) return 'MISSING';
  const daysLeft = Math.round((utcDay(validUntil) - utcDay(today)) / DAY);
  if (daysLeft < 0) return 'EXPIRED';
  return daysLeft <= config.expiringWindowDays ? 'EXPIRING' : 'CURRENT';
}

export type HalfFreshness = { state: Freshness; validUntil: Date | null };

export type ControlFreshness = {
  /** The AWS half (inherited and shared controls): covered by a provider report. */
  aws: HalfFreshness | null;
  /** The customer half (shared and customer controls): the customer's accepted evidence. */
  customer: HalfFreshness | null;
  /** The worse of the two halves. */
  overall: Freshness;
};

const WORST_FIRST: Freshness[] = ['MISSING', 'EXPIRED', 'EXPIRING', 'CURRENT'];

/**
 * The freshness of one control for one system, from the latest effective date of its accepted
 * customer evidence and the latest period end of the provider reports covering it.
 */
export function controlFreshness(
  input: { type: ResponsibilityType; cadence: EvidenceCadence; latestEffectiveAt: Date | null; latestReportPeriodEnd: Date | null },
  today: Date,
  config: FreshnessConfig = DEFAULT_FRESHNESS_CONFIG,
): ControlFreshness {
  const half = (validUntil: Date | null): HalfFreshness => ({ state: freshnessOn(validUntil, today, config), validUntil });
  const aws = input.type === 'CUSTOMER' ? null : half(input.latestReportPeriodEnd && reportValidUntil(input.latestReportPeriodEnd, config));
  const customer =
    input.type === 'INHERITED' ? null : half(input.latestEffectiveAt && evidenceValidUntil(input.latestEffectiveAt, input.cadence));
  const states = [aws?.state, customer?.state].filter((s): s is Freshness => Boolean(s));
  const overall = WORST_FIRST.find((s) => states.includes(s)) ?? 'MISSING';
  return { aws, customer, overall };
}
